import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/agents", () => {
  it("lists the custom agents with their model and tools", async () => {
    const host = await useFakeHost({
      files: {
        ".axion/agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews diffs for bugs\ntools: Read, Grep\nmodel: haiku\n---\nYou review code.\n",
        ".claude/agents/writer.md": "---\ndescription: Writes docs\n---\nYou write docs.\n",
      },
    });
    const { output } = await host.run("/agents");
    expect(output).toBe(
      ["Agents (2):", "  reviewer — Reviews diffs for bugs (project; model haiku; tools Read, Grep)", "  writer — Writes docs (project; all tools)"].join("\n"),
    );
  });

  it("explains how to add agents and reports broken files", async () => {
    const host = await useFakeHost();
    expect((await host.run("/agents")).output).toBe(
      "No custom agents. Add markdown files to .axion/agents/ or .claude/agents/ (frontmatter: name, description, tools, model).",
    );
    host.writeFile(".axion/agents/broken.md", "---\nname: [unclosed\n---\nbody\n");
    expect((await host.run("/agents")).output).toMatch(/\n\nProblems:\n {2}.*broken\.md/);
  });
});
