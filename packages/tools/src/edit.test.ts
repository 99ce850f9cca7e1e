import { existsSync } from "node:fs";
import { link, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { editTool } from "./edit.js";
import type { FileDiffDisplay } from "./file-diff.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";

let workspace: TestWorkspace;

beforeEach(async () => {
  workspace = await createTestWorkspace();
  await writeFile(join(workspace.root, "code.ts"), "const a = 1;\nconst b = 1;\nconst c = 2;\n");
});

afterEach(async () => {
  await workspace.cleanup();
});

const edit = (input: Record<string, unknown>) => callTool(editTool, { file_path: "code.ts", ...input }, workspace.context());
const content = () => readFile(join(workspace.root, "code.ts"), "utf8");

describe("Edit", () => {
  it("replaces a unique match and returns a diff", async () => {
    const result = await edit({ old_string: "const c = 2;", new_string: "const c = 3;" });
    expect(result).toMatchObject({ text: "Replaced 1 occurrence(s) in code.ts", isError: false });
    expect(await content()).toBe("const a = 1;\nconst b = 1;\nconst c = 3;\n");
    expect((result.output?.display as FileDiffDisplay).patch).toContain("-const c = 2;\n+const c = 3;\n");
  });

  it("refuses several matches unless replace_all is set", async () => {
    const ambiguous = await edit({ old_string: "= 1;", new_string: "= 9;" });
    expect(ambiguous).toMatchObject({ isError: true, errorCode: "edit_ambiguous" });
    expect(ambiguous.text).toBe(
      "old_string occurs 2 times in code.ts; set replace_all to change every occurrence, or add surrounding lines to make it unique",
    );
    expect(await content()).toContain("const a = 1;");
    expect((await edit({ old_string: "= 1;", new_string: "= 9;", replace_all: true })).text).toBe("Replaced 2 occurrence(s) in code.ts");
    expect(await content()).toBe("const a = 9;\nconst b = 9;\nconst c = 2;\n");
  });

  it("reports text that is not found and identical strings", async () => {
    expect(await edit({ old_string: "const d", new_string: "x" })).toMatchObject({ isError: true, errorCode: "edit_not_found" });
    expect(await edit({ old_string: "const a", new_string: "const a" })).toMatchObject({ isError: true, errorCode: "edit_no_change" });
  });

  it("treats $ in the replacement literally", async () => {
    await edit({ old_string: "const c = 2;", new_string: "const c = '$&$1';" });
    expect(await content()).toContain("const c = '$&$1';");
  });

  it("matches LF text in a CRLF file", async () => {
    await writeFile(join(workspace.root, "win.txt"), "first\r\nsecond\r\n");
    const result = await callTool(editTool, { file_path: "win.txt", old_string: "first\nsecond", new_string: "1\n2" }, workspace.context());
    expect(result.text).toBe("Replaced 1 occurrence(s) in win.txt");
    expect(await readFile(join(workspace.root, "win.txt"), "utf8")).toBe("1\r\n2\r\n");
  });

  it("creates a missing file from an empty old_string, and reports other missing files", async () => {
    expect((await edit({ file_path: "new/file.txt", old_string: "", new_string: "hello\n" })).text).toBe("Created new/file.txt");
    expect(await readFile(join(workspace.root, "new/file.txt"), "utf8")).toBe("hello\n");
    expect(await edit({ file_path: "missing.txt", old_string: "a", new_string: "b" })).toMatchObject({ isError: true, errorCode: "file_not_found" });
  });

  it("refuses escapes through .., absolute paths and symlinks", async () => {
    await writeFile(join(workspace.outside, "victim.txt"), "keep me\n");
    await symlink(join(workspace.outside, "victim.txt"), join(workspace.root, "victim-link.txt"));
    await symlink(workspace.outside, join(workspace.root, "out"));
    for (const file_path of ["../outside/victim.txt", join(workspace.outside, "victim.txt"), "victim-link.txt", "out/victim.txt"]) {
      expect(await edit({ file_path, old_string: "keep", new_string: "lose" })).toMatchObject({ isError: true, errorCode: "path_outside_workspace" });
    }
    expect(await readFile(join(workspace.outside, "victim.txt"), "utf8")).toBe("keep me\n");
  });

  it("rejects bad input naming the field", async () => {
    expect((await edit({ old_string: "a" })).text).toBe("Invalid input for Edit: new_string: required");
    expect((await edit({ old_string: "a", new_string: "b", replace_all: "yes" })).text).toContain("replace_all: Invalid input: expected boolean");
  });

  it("refuses to edit a file hard-linked to an outside file and leaves it unchanged", async () => {
    await writeFile(join(workspace.outside, "target.ts"), "const c = 2;\n");
    await link(join(workspace.outside, "target.ts"), join(workspace.root, "hard.ts"));
    const result = await callTool(editTool, { file_path: "hard.ts", old_string: "2", new_string: "3" }, workspace.context());
    expect(result).toMatchObject({ isError: true, errorCode: "hard_linked_file" });
    expect(await readFile(join(workspace.outside, "target.ts"), "utf8")).toBe("const c = 2;\n");
  });

  it("refuses to create a file through a dangling symlink", async () => {
    await symlink(join(workspace.outside, "made.ts"), join(workspace.root, "dl.ts"));
    const result = await callTool(editTool, { file_path: "dl.ts", old_string: "", new_string: "x" }, workspace.context());
    expect(result).toMatchObject({ isError: true, errorCode: "dangling_symlink" });
    expect(existsSync(join(workspace.outside, "made.ts"))).toBe(false);
  });
});
