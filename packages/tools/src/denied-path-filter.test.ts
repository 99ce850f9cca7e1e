import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deniedPaths, hiddenNotice } from "./denied-path-filter.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { createTestWorkspace } from "./test-support/workspace.js";

let workspace: TestWorkspace;
beforeEach(async () => {
  workspace = await createTestWorkspace();
  await mkdir(join(workspace.root, "secrets"));
  await writeFile(join(workspace.root, "secrets", "key.txt"), "k");
  await writeFile(join(workspace.root, "open.txt"), "o");
  await symlink(join(workspace.root, "secrets"), join(workspace.root, "peek"));
});
afterEach(async () => {
  await workspace.cleanup();
});

describe("deniedPaths", () => {
  const underSecrets = (path: string) => path.startsWith(`${join(workspace.root, "secrets")}/`);

  it("denies a path by its own name and by its real path through a symlinked folder", async () => {
    const context = workspace.context({ isPathDenied: underSecrets });
    const paths = ["secrets/key.txt", "peek/key.txt", "open.txt"].map((path) => join(workspace.root, path));
    expect([...(await deniedPaths(context, "Glob", paths))].sort()).toEqual([join(workspace.root, "peek/key.txt"), join(workspace.root, "secrets/key.txt")]);
  });

  it("passes the tool name and denies nothing without a rule check", async () => {
    const names: string[] = [];
    const context = workspace.context({ isPathDenied: (_path, tool) => (names.push(tool), false) });
    expect((await deniedPaths(context, "Grep", [join(workspace.root, "open.txt")])).size).toBe(0);
    expect(names).toEqual(["Grep"]);
    expect((await deniedPaths(workspace.context(), "Grep", [join(workspace.root, "secrets/key.txt")])).size).toBe(0);
  });

  it("words the notice", () => {
    expect(hiddenNotice(0)).toBe("");
    expect(hiddenNotice(1)).toBe("(1 result hidden by permission rules)");
    expect(hiddenNotice(3)).toBe("(3 results hidden by permission rules)");
  });
});
