import { mkdir, symlink, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { globTool, splitAbsolutePattern } from "./glob.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";

let workspace: TestWorkspace;

async function file(path: string, ageSeconds: number): Promise<void> {
  const absolute = join(workspace.root, path);
  await mkdir(dirname(absolute), { recursive: true });
  await writeFile(absolute, path);
  const time = Date.now() / 1000 - ageSeconds;
  await utimes(absolute, time, time);
}

beforeEach(async () => {
  workspace = await createTestWorkspace();
  await file("old.ts", 300);
  await file("src/newest.ts", 10);
  await file("src/deep/middle.ts", 100);
  await file("src/readme.md", 50);
  await file("ignored/skip.ts", 5);
  await file(".github/workflow.ts", 20);
  await file(".gitignore", 400);
  await writeFile(join(workspace.root, ".gitignore"), "ignored/\n");
});

afterEach(async () => {
  await workspace.cleanup();
});

const glob = (input: unknown) => callTool(globTool, input, workspace.context({ mode: "read-only" }));

describe("Glob", () => {
  it("lists matches newest first, relative to the workspace, without ignored or hidden files", async () => {
    expect((await glob({ pattern: "**/*.ts" })).text).toBe("src/newest.ts\nsrc/deep/middle.ts\nold.ts");
    expect((await glob({ pattern: "*.ts" })).text).toBe("src/newest.ts\nsrc/deep/middle.ts\nold.ts");
  });

  it("matches below path", async () => {
    expect((await glob({ pattern: "deep/*.ts", path: "src" })).text).toBe("src/deep/middle.ts");
    expect((await glob({ pattern: "*.md", path: join(workspace.root, "src") })).text).toBe("src/readme.md");
  });

  it("includes hidden files when the pattern names them", async () => {
    expect((await glob({ pattern: ".github/**" })).text).toBe(".github/workflow.ts");
  });

  it("accepts an absolute pattern", async () => {
    expect((await glob({ pattern: `${workspace.root}/src/**/*.ts` })).text).toBe("src/newest.ts\nsrc/deep/middle.ts");
    expect(splitAbsolutePattern("/a/b/**/*.ts")).toEqual({ base: "/a/b", rest: "**/*.ts" });
    expect(splitAbsolutePattern("/a/b/c.ts")).toEqual({ base: "/a/b", rest: "c.ts" });
  });

  it("keeps 100 results and notes the rest", async () => {
    for (let index = 0; index < 105; index += 1) await file(`many/f${index}.txt`, index);
    const lines = (await glob({ pattern: "many/*.txt" })).text.split("\n");
    expect(lines).toHaveLength(101);
    expect(lines[0]).toBe("many/f0.txt");
    expect(lines[100]).toBe("(truncated: showing 100 of 105 files; use a more specific pattern or path)");
  });

  it("says when nothing matches and when the path is wrong", async () => {
    expect((await glob({ pattern: "**/*.rs" })).text).toBe("No files found matching **/*.rs");
    expect(await glob({ pattern: "*", path: "missing" })).toMatchObject({ isError: true, errorCode: "directory_not_found" });
    expect(await glob({ pattern: "*", path: "old.ts" })).toMatchObject({ isError: true, errorCode: "not_a_directory" });
  });

  it("stays inside the workspace", async () => {
    await writeFile(join(workspace.outside, "secret.ts"), "");
    await symlink(workspace.outside, join(workspace.root, "out"));
    expect(await glob({ pattern: "*.ts", path: "../outside" })).toMatchObject({ isError: true, errorCode: "path_outside_workspace" });
    expect(await glob({ pattern: "*.ts", path: "out" })).toMatchObject({ isError: true, errorCode: "path_outside_workspace" });
  });

  it("rejects bad input naming the field", async () => {
    expect((await glob({ pattern: "" })).text).toContain("pattern: Too small");
  });

  it("leaves out files the permission rules deny, also under a symlink to the denied folder, and says so", async () => {
    await file("secrets/key.ts", 1);
    await symlink(join(workspace.root, "secrets"), join(workspace.root, "peek"));
    const isPathDenied = (absolutePath: string, toolName: string) => toolName === "Glob" && absolutePath.startsWith(`${join(workspace.root, "secrets")}/`);
    const guarded = (input: unknown) => callTool(globTool, input, workspace.context({ mode: "read-only", isPathDenied }));
    expect((await glob({ pattern: "**/*.ts" })).text).toContain("secrets/key.ts");
    expect((await guarded({ pattern: "**/*.ts" })).text).toBe("src/newest.ts\nsrc/deep/middle.ts\nold.ts\n(1 result hidden by permission rules)");
    expect((await guarded({ pattern: "*.ts", path: "peek" })).text).toBe("No files found matching *.ts (1 result hidden by permission rules)");
    expect((await guarded({ pattern: `${join(workspace.root, "peek")}/*.ts` })).text).toBe(
      `No files found matching ${join(workspace.root, "peek")}/*.ts (1 result hidden by permission rules)`,
    );
  });
});
