import { existsSync } from "node:fs";
import { link, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FileDiffDisplay } from "./file-diff.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";
import { writeTool } from "./write.js";

let workspace: TestWorkspace;

beforeEach(async () => {
  workspace = await createTestWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

const write = (input: unknown) => callTool(writeTool, input, workspace.context());

describe("Write", () => {
  it("creates parent folders and answers Created (parity)", async () => {
    const result = await write({ file_path: "generated/output.txt", content: "created by mock service\n" });
    expect(result).toMatchObject({ text: "Created generated/output.txt", isError: false });
    expect(await readFile(join(workspace.root, "generated/output.txt"), "utf8")).toBe("created by mock service\n");
    expect(result.output?.display).toMatchObject({ kind: "diff", path: "generated/output.txt", created: true, additions: 1, removals: 0 });
  });

  it("answers Updated with a unified diff for an existing file", async () => {
    await writeFile(join(workspace.root, "notes.txt"), "one\ntwo\n");
    const result = await write({ file_path: join(workspace.root, "notes.txt"), content: "one\nthree\n" });
    expect(result.text).toBe("Updated notes.txt");
    const display = result.output?.display as FileDiffDisplay;
    expect(display).toMatchObject({ created: false, additions: 1, removals: 1 });
    expect(display.patch).toContain("-two\n+three\n");
    expect(await readFile(join(workspace.root, "notes.txt"), "utf8")).toBe("one\nthree\n");
  });

  it("refuses escapes through .., absolute paths and symlinks", async () => {
    await symlink(workspace.outside, join(workspace.root, "out"));
    await writeFile(join(workspace.outside, "target.txt"), "original");
    await symlink(join(workspace.outside, "target.txt"), join(workspace.root, "target-link.txt"));
    for (const file_path of ["../outside/planted.txt", join(workspace.outside, "planted.txt"), "out/planted.txt", "target-link.txt"]) {
      expect(await write({ file_path, content: "x" })).toMatchObject({ isError: true, errorCode: "path_outside_workspace" });
    }
    expect(await readFile(join(workspace.outside, "target.txt"), "utf8")).toBe("original");
    await expect(readFile(join(workspace.outside, "planted.txt"))).rejects.toThrow();
  });

  it("refuses to replace a directory", async () => {
    await mkdir(join(workspace.root, "folder"));
    expect(await write({ file_path: "folder", content: "x" })).toMatchObject({ isError: true, errorCode: "is_directory" });
  });

  it("rejects bad input naming the field", async () => {
    expect((await write({ file_path: "a.txt" })).text).toBe("Invalid input for Write: content: required");
  });

  it("needs workspace-write and declares the file it writes", () => {
    expect(writeTool.requiredPermission).toBe("workspace-write");
    expect(writeTool.touchedPaths?.({ file_path: "a", content: "" })).toEqual([{ path: "a", access: "write" }]);
  });

  it("refuses to write through a dangling symlink and leaves the outside path absent", async () => {
    await symlink(join(workspace.outside, "new.txt"), join(workspace.root, "dl"));
    const result = await write({ file_path: "dl", content: "planted" });
    expect(result).toMatchObject({
      isError: true,
      errorCode: "dangling_symlink",
      text: `dl is a symlink to ${join(workspace.outside, "new.txt")}, which does not exist; refusing to follow it`,
    });
    expect(existsSync(join(workspace.outside, "new.txt"))).toBe(false);
  });

  it("refuses to write a file hard-linked to an outside file and leaves it unchanged", async () => {
    await writeFile(join(workspace.outside, "target.txt"), "outside\n");
    await link(join(workspace.outside, "target.txt"), join(workspace.root, "hard.txt"));
    const result = await write({ file_path: "hard.txt", content: "changed" });
    expect(result).toMatchObject({ isError: true, errorCode: "hard_linked_file" });
    expect(result.text).toBe("hard.txt has 1 other hard link (names that may be outside the workspace); refusing to write it below danger-full-access");
    expect(await readFile(join(workspace.outside, "target.txt"), "utf8")).toBe("outside\n");
  });

  it("answers a NUL byte in the path with an error result", async () => {
    expect(await write({ file_path: "a\0b.txt", content: "x" })).toMatchObject({ isError: true, errorCode: "invalid_path", text: 'Invalid path "a\\u0000b.txt": it contains a NUL byte' });
  });
});
