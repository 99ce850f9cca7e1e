import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/diff", () => {
  it("shows staged, unstaged and untracked changes", async () => {
    const host = await useFakeHost({ git: true, files: { "a.ts": "1\n", "b.ts": "1\n" } });
    host.writeFile("a.ts", "2\n");
    host.gitSync("add", "a.ts");
    host.writeFile("b.ts", "3\n");
    host.writeFile("c.ts", "new\n");
    const { output } = await host.run("/diff");
    expect(output).toMatch(/^Staged changes:\ndiff --git a\/a\.ts b\/a\.ts\n[\s\S]*-1\n\+2\n\nUnstaged changes:\ndiff --git a\/b\.ts b\/b\.ts\n[\s\S]*-1\n\+3\n\nUntracked files:\n {2}c\.ts$/);
  });

  it("says when the tree is clean and when there is no repository", async () => {
    const host = await useFakeHost({ git: true });
    expect(await host.run("/diff")).toEqual({ output: "No changes: the working tree matches HEAD." });
    const outside = await useFakeHost();
    expect(await outside.run("/diff")).toEqual({ error: `not a git repository: ${outside.cwd}` });
  });
});
