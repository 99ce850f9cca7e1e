import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/skills", () => {
  it("lists project and user skills", async () => {
    const host = await useFakeHost({
      files: { ".axion/skills/release/SKILL.md": "---\nname: release\ndescription: Cut a release\n---\nSteps…\n" },
      configFiles: { "skills/pdf/SKILL.md": "---\nname: pdf\ndescription: Fill PDF forms\n---\nSteps…\n" },
    });
    expect((await host.run("/skills")).output).toBe(["Skills (2):", "  release — Cut a release (project)", "  pdf — Fill PDF forms (user)"].join("\n"));
  });

  it("explains how to add skills and reports folders without SKILL.md", async () => {
    const host = await useFakeHost();
    expect((await host.run("/skills")).output).toBe("No skills. Add folders with a SKILL.md to .axion/skills/ or .claude/skills/.");
    host.writeFile(".axion/skills/empty/notes.txt", "x");
    expect((await host.run("/skills")).output).toMatch(/\n\nProblems:\n {2}.*empty/);
  });
});
