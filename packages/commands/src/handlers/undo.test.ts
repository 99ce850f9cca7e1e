import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/undo", () => {
  it("undoes the last commit and keeps its changes staged", async () => {
    const host = await useFakeHost({ git: true, files: { "a.ts": "1\n" } });
    host.writeFile("a.ts", "2\n");
    host.gitSync("commit", "-qam", "bump a");
    const { output } = await host.run("/undo");
    expect(output).toMatch(/^Undid commit [0-9a-f]+ bump a; its changes are staged\.$/);
    expect(host.gitSync("log", "-1", "--format=%s").trim()).toBe("initial");
    expect(host.gitSync("diff", "--cached", "--name-only").trim()).toBe("a.ts");
  });

  it("drops the last commit and uncommitted changes with hard", async () => {
    const host = await useFakeHost({ git: true, files: { "a.ts": "1\n" } });
    host.writeFile("a.ts", "2\n");
    host.gitSync("commit", "-qam", "bump a");
    host.writeFile("a.ts", "3\n");
    expect((await host.run("/undo hard")).output).toMatch(/^Dropped commit [0-9a-f]+ bump a and all uncommitted changes\.$/);
    expect(readFileSync(join(host.cwd, "a.ts"), "utf8")).toBe("1\n");
  });

  it("restores one file from HEAD", async () => {
    const host = await useFakeHost({ git: true, files: { "keep.ts": "good\n", "other.ts": "o\n" } });
    host.writeFile("keep.ts", "broken\n");
    host.writeFile("other.ts", "changed\n");
    host.gitSync("add", "keep.ts");
    expect(await host.run("/undo keep.ts")).toEqual({ output: "Restored keep.ts from HEAD." });
    expect(readFileSync(join(host.cwd, "keep.ts"), "utf8")).toBe("good\n");
    expect(readFileSync(join(host.cwd, "other.ts"), "utf8")).toBe("changed\n");
    expect((await host.run("/undo missing.ts")).error).toBe("missing.ts is not in the last commit; nothing to restore.");
  });

  it("refuses to undo the first commit or work outside git", async () => {
    const host = await useFakeHost({ git: true });
    expect((await host.run("/undo")).error).toBe("Cannot undo the first commit of the repository.");
    const outside = await useFakeHost();
    expect((await outside.run("/undo")).error).toBe(`not a git repository: ${outside.cwd}`);
  });
});
