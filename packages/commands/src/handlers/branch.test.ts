import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/branch", () => {
  it("lists branches, creates one and switches back", async () => {
    const host = await useFakeHost({ git: true });
    expect((await host.run("/branch")).output).toBe("Branches:\n● main\n\nSwitch or create with /branch <name>.");
    expect(await host.run("/branch feature/login")).toEqual({ output: "Created branch feature/login from main and switched to it." });
    expect(host.gitSync("branch", "--show-current").trim()).toBe("feature/login");
    expect(await host.run("/branch main")).toEqual({ output: "Switched to branch main." });
    expect(await host.run("/branch main")).toEqual({ output: "Already on main." });
    expect((await host.run("/branch")).output).toBe("Branches:\n  feature/login\n● main\n\nSwitch or create with /branch <name>.");
  });

  it("rejects invalid names and reports a switch git refuses", async () => {
    const host = await useFakeHost({ git: true, files: { "a.ts": "1\n" } });
    expect((await host.run("/branch bad..name")).error).toBe('/branch: "bad..name" is not a valid branch name');
    await host.run("/branch other");
    host.writeFile("a.ts", "other\n");
    host.gitSync("commit", "-qam", "other change");
    host.writeFile("a.ts", "dirty\n");
    expect((await host.run("/branch main")).error).toMatch(/^git switch: Your local changes to the following files would be overwritten/);
  });
});
