import { chmod, link, mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readTool } from "./read.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";

let workspace: TestWorkspace;

beforeEach(async () => {
  workspace = await createTestWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

const read = (input: unknown, mode: "read-only" | "danger-full-access" = "read-only") => callTool(readTool, input, workspace.context({ mode }));

describe("Read", () => {
  it("prints cat -n lines (parity)", async () => {
    await writeFile(join(workspace.root, "fixture.txt"), "alpha parity line\n");
    expect(await read({ file_path: "fixture.txt" })).toMatchObject({ text: "     1\talpha parity line", isError: false });
  });

  it("honours offset and limit and says how to read on", async () => {
    await writeFile(join(workspace.root, "lines.txt"), Array.from({ length: 10 }, (_, index) => `line ${index + 1}`).join("\n"));
    expect((await read({ file_path: "lines.txt", offset: 3, limit: 2 })).text).toBe(
      "     3\tline 3\n     4\tline 4\n\n(Showing lines 3-4 of 10; read on with offset 5)",
    );
    expect((await read({ file_path: "lines.txt", offset: 10 })).text).toBe("    10\tline 10");
    expect((await read({ file_path: "lines.txt", offset: 11 })).text).toBe("(The file lines.txt has 10 lines; offset 11 is past its end)");
  });

  it("reads 2000 lines by default and cuts long lines", async () => {
    const lines = Array.from({ length: 2_005 }, (_, index) => (index === 0 ? "x".repeat(2_500) : `l${index + 1}`));
    await writeFile(join(workspace.root, "big.txt"), lines.join("\n"));
    const text = (await read({ file_path: "big.txt" })).text;
    const shown = text.split("\n");
    expect(shown[0]).toBe(`     1\t${"x".repeat(2_000)}… [line cut at 2000 characters]`);
    expect(shown[1999]).toBe("  2000\tl2000");
    expect(shown.at(-1)).toBe("(Showing lines 1-2000 of 2005; read on with offset 2001)");
  });

  it("drops carriage returns and keeps an absolute path inside the workspace", async () => {
    await writeFile(join(workspace.root, "crlf.txt"), "one\r\ntwo\r\n");
    expect((await read({ file_path: join(workspace.root, "crlf.txt") })).text).toBe("     1\tone\n     2\ttwo");
  });

  it("notes an empty file", async () => {
    await writeFile(join(workspace.root, "empty.txt"), "");
    expect((await read({ file_path: "empty.txt" })).text).toBe("(The file empty.txt exists but is empty)");
  });

  it("returns images as image parts", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    await writeFile(join(workspace.root, "pixel.PNG"), png);
    const result = await read({ file_path: "pixel.PNG" });
    expect(result.output?.content).toEqual([{ type: "image", source: { type: "base64", media_type: "image/png", data: png.toString("base64") } }]);
    await writeFile(join(workspace.root, "photo.jpg"), Buffer.alloc(5 * 1024 * 1024 + 1));
    expect(await read({ file_path: "photo.jpg" })).toMatchObject({ isError: true, errorCode: "image_too_large" });
  });

  it("refuses binary files", async () => {
    await writeFile(join(workspace.root, "blob.bin"), Buffer.from([0x41, 0x00, 0x42]));
    expect(await read({ file_path: "blob.bin" })).toMatchObject({ isError: true, text: "blob.bin is a binary file; Read only shows text, images and PDFs" });
  });

  it("extracts PDF text with pdftotext when it is on PATH", async () => {
    const bin = join(workspace.base, "bin");
    await mkdir(bin);
    await writeFile(join(bin, "pdftotext"), '#!/bin/sh\n[ "$1" = "-layout" ] && [ "$3" = "-" ] && printf "page one\\npage two\\n"\n');
    await chmod(join(bin, "pdftotext"), 0o755);
    await writeFile(join(workspace.root, "doc.pdf"), "%PDF-1.4 fake");
    const context = workspace.context({ mode: "read-only", env: { PATH: `${bin}:${process.env["PATH"] ?? ""}`, HOME: workspace.base } });
    expect((await callTool(readTool, { file_path: "doc.pdf" }, context)).text).toBe("     1\tpage one\n     2\tpage two");
  });

  it("explains that pdftotext is missing", async () => {
    const bin = join(workspace.base, "bin");
    await mkdir(bin);
    await symlink("/bin/bash", join(bin, "bash"));
    await writeFile(join(workspace.root, "doc.pdf"), "%PDF-1.4 fake");
    const context = workspace.context({ mode: "read-only", env: { PATH: bin, HOME: workspace.base } });
    const result = await callTool(readTool, { file_path: "doc.pdf" }, context);
    expect(result).toMatchObject({ isError: true, errorCode: "pdftotext_missing" });
    expect(result.text).toContain("pdftotext is not installed");
  });

  it("refuses escapes through .., absolute paths and symlinks", async () => {
    await writeFile(join(workspace.outside, "secret.txt"), "secret\n");
    await symlink(join(workspace.outside, "secret.txt"), join(workspace.root, "link.txt"));
    await symlink(workspace.outside, join(workspace.root, "out"));
    for (const file_path of ["../outside/secret.txt", join(workspace.outside, "secret.txt"), "link.txt", "out/secret.txt"]) {
      const result = await read({ file_path });
      expect(result).toMatchObject({ isError: true, errorCode: "path_outside_workspace" });
      expect(result.text).not.toContain("secret\n");
    }
    expect((await read({ file_path: "link.txt" }, "danger-full-access")).text).toBe("     1\tsecret");
  });

  it("reports missing files and directories", async () => {
    expect(await read({ file_path: "nope.txt" })).toMatchObject({ isError: true, text: "File not found: nope.txt" });
    await mkdir(join(workspace.root, "dir"));
    expect(await read({ file_path: "dir" })).toMatchObject({ isError: true, errorCode: "is_directory" });
  });

  it("rejects bad input naming the field", async () => {
    expect((await read({ file_path: "a", offset: 0 })).text).toBe("Invalid input for Read: offset: Too small: expected number to be >0");
    expect((await read({ path: "a" })).text).toBe("Invalid input for Read: file_path: required; path: unknown field");
  });

  it("is read-only and declares the file it reads", () => {
    expect(readTool.requiredPermission).toBe("read-only");
    expect(readTool.touchedPaths?.({ file_path: "a.txt" })).toEqual([{ path: "a.txt", access: "read" }]);
  });

  it("answers a NUL byte, an over-long path and a symlink loop with one-line error results", async () => {
    await symlink("loop-b", join(workspace.root, "loop-a"));
    await symlink("loop-a", join(workspace.root, "loop-b"));
    expect(await read({ file_path: "a\0b" })).toMatchObject({ isError: true, errorCode: "invalid_path" });
    const long = await read({ file_path: "x".repeat(5000) });
    expect(long).toMatchObject({ isError: true, errorCode: "path_too_long" });
    expect(long.text).not.toContain("\n");
    expect(await read({ file_path: "loop-a" })).toMatchObject({ isError: true, errorCode: "symlink_loop" });
  });

  it("still reads a file that has another hard link (its other names cannot be found cheaply)", async () => {
    await writeFile(join(workspace.root, "shared.txt"), "shared\n");
    await link(join(workspace.root, "shared.txt"), join(workspace.root, "alias.txt"));
    expect(await read({ file_path: "alias.txt" })).toMatchObject({ isError: false, text: "     1\tshared" });
  });
});
