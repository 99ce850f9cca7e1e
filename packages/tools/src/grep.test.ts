import { mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ExecOptions, ToolContext } from "@axion/runtime";
import { grepTool, splitGlobs } from "./grep.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";

let workspace: TestWorkspace;

async function file(path: string, content: string): Promise<void> {
  const absolute = join(workspace.root, path);
  await mkdir(dirname(absolute), { recursive: true });
  await writeFile(absolute, content);
}

beforeEach(async () => {
  workspace = await createTestWorkspace();
  await file("fixture.txt", "alpha parity line\nbeta line\ngamma parity line\n");
  await file("src/app.ts", "export const Parity = 1;\n// parity check\nconst other = 2;\n");
  await file("src/util.js", "function parity() {}\n");
  await file("build/out.js", "parity in ignored output\n");
  await file(".hidden/secret.txt", "parity hidden\n");
  await file(".gitignore", "build/\n");
});

afterEach(async () => {
  await workspace.cleanup();
});

const grep = (input: Record<string, unknown>) => callTool(grepTool, input, workspace.context({ mode: "read-only" }));

describe("Grep", () => {
  it("counts matches per file with the file name, even for a single file (parity)", async () => {
    expect(await grep({ pattern: "parity", path: "fixture.txt", output_mode: "count" })).toMatchObject({ text: "fixture.txt:2", isError: false });
  });

  it("counts across the workspace, sorted by path, skipping ignored and hidden files", async () => {
    expect((await grep({ pattern: "parity", output_mode: "count" })).text).toBe("fixture.txt:2\nsrc/app.ts:1\nsrc/util.js:1");
  });

  it("lists matching files by default", async () => {
    const text = (await grep({ pattern: "parity" })).text.split("\n");
    expect(text[0]).toBe("Found 3 files");
    expect(text.slice(1).sort()).toEqual(["fixture.txt", "src/app.ts", "src/util.js"]);
  });

  it("shows content with line numbers, case-insensitively", async () => {
    expect((await grep({ pattern: "PARITY", path: "src", output_mode: "content", "-i": true })).text).toBe(
      "src/app.ts:1:export const Parity = 1;\nsrc/app.ts:2:// parity check\nsrc/util.js:1:function parity() {}",
    );
    expect((await grep({ pattern: "parity", path: "src/app.ts", output_mode: "content", "-n": false })).text).toBe("src/app.ts:// parity check");
  });

  it("adds context lines with -A, -B and -C", async () => {
    expect((await grep({ pattern: "beta", path: "fixture.txt", output_mode: "content", "-A": 1 })).text).toBe(
      "fixture.txt:2:beta line\nfixture.txt-3-gamma parity line",
    );
    expect((await grep({ pattern: "beta", path: "fixture.txt", output_mode: "content", "-B": 1 })).text).toBe(
      "fixture.txt-1-alpha parity line\nfixture.txt:2:beta line",
    );
    expect((await grep({ pattern: "beta", path: "fixture.txt", output_mode: "content", "-C": 1 })).text).toBe(
      "fixture.txt-1-alpha parity line\nfixture.txt:2:beta line\nfixture.txt-3-gamma parity line",
    );
  });

  it("filters by glob and by type", async () => {
    expect((await grep({ pattern: "parity", glob: "*.js", output_mode: "count" })).text).toBe("src/util.js:1");
    expect((await grep({ pattern: "parity", glob: "*.{ts,txt}", output_mode: "count" })).text).toBe("fixture.txt:2\nsrc/app.ts:1");
    expect((await grep({ pattern: "parity", type: "ts", output_mode: "count" })).text).toBe("src/app.ts:1");
    expect(splitGlobs("*.ts *.{js, jsx}")).toEqual(["*.ts", "*.{js, jsx}"]);
  });

  it("applies offset and head_limit", async () => {
    const input = { pattern: "parity", output_mode: "count" };
    expect((await grep({ ...input, head_limit: 1 })).text).toBe("fixture.txt:2\n(2 more entries; raise head_limit or offset to see them)");
    expect((await grep({ ...input, offset: 1, head_limit: 1 })).text).toBe("src/app.ts:1\n(1 more entries; raise head_limit or offset to see them)");
    expect((await grep({ ...input, offset: 2, head_limit: 0 })).text).toBe("src/util.js:1");
  });

  it("matches across lines in multiline mode", async () => {
    expect((await grep({ pattern: "beta.*gamma", path: "fixture.txt", output_mode: "count" })).text).toBe("No matches found");
    expect((await grep({ pattern: "beta.line.gamma", path: "fixture.txt", output_mode: "count", multiline: true })).text).toBe("fixture.txt:1");
  });

  it("treats a pattern that starts with a dash as a pattern", async () => {
    await file("flags.txt", "use -rf carefully\n");
    expect((await grep({ pattern: "-rf", output_mode: "count" })).text).toBe("flags.txt:1");
  });

  it("says No matches found, and reports bad regexes and types", async () => {
    expect((await grep({ pattern: "zzz-not-there" })).text).toBe("No matches found");
    expect(await grep({ pattern: "(unclosed" })).toMatchObject({ isError: true, errorCode: "search_failed" });
    expect(await grep({ pattern: "x", type: "no-such-type" })).toMatchObject({ isError: true, errorCode: "search_failed" });
  });

  it("stays inside the workspace", async () => {
    await writeFile(join(workspace.outside, "secret.txt"), "parity\n");
    await symlink(workspace.outside, join(workspace.root, "out"));
    expect(await grep({ pattern: "parity", path: "../outside" })).toMatchObject({ isError: true, errorCode: "path_outside_workspace" });
    expect(await grep({ pattern: "parity", path: "out/secret.txt" })).toMatchObject({ isError: true, errorCode: "path_outside_workspace" });
    expect(await grep({ pattern: "parity", path: "nope" })).toMatchObject({ isError: true, errorCode: "path_not_found" });
  });

  it("rejects bad input naming the field", async () => {
    expect((await grep({ pattern: "x", output_mode: "lines" })).text).toContain("output_mode: Invalid option");
    expect((await grep({ pattern: "x", "-A": -1 })).text).toContain("-A: Too small");
  });

  describe("with a deny rule on secrets/", () => {
    const isPathDenied = (absolutePath: string, toolName: string) => {
      expect(toolName).toBe("Grep");
      return absolutePath.startsWith(`${join(workspace.root, "secrets")}/`);
    };
    const guarded = (input: Record<string, unknown>) => callTool(grepTool, input, workspace.context({ mode: "read-only", isPathDenied }));

    beforeEach(async () => {
      await file("secrets/key.txt", "parity TOPSECRET\n");
      await symlink(join(workspace.root, "secrets"), join(workspace.root, "peek"));
    });

    it.each([
      ["files_with_matches", "Found 3 files", 4],
      ["count", "fixture.txt:2", 3],
      ["content", "fixture.txt:1:alpha parity line", 4],
    ])("leaves the denied file out of %s output, with and without a path, and says so", async (mode, first, lines) => {
      for (const path of [undefined, "."]) {
        const result = await guarded({ pattern: "parity", output_mode: mode, ...(path === undefined ? {} : { path }) });
        expect(result.isError).toBe(false);
        expect(result.text).not.toContain("secrets");
        expect(result.text).not.toContain("TOPSECRET");
        const shown = result.text.split("\n");
        expect(shown.includes(first) || shown[0] === first).toBe(true);
        expect(shown).toHaveLength(lines + 1);
        expect(shown.at(-1)).toBe("(1 result hidden by permission rules)");
      }
      // without the rule the same search shows the file
      expect((await grep({ pattern: "parity", output_mode: mode })).text).toContain("secrets/key.txt");
    });

    it.each(["files_with_matches", "count", "content"])("leaves out a denied file reached through a symlinked folder (%s)", async (mode) => {
      const result = await guarded({ pattern: "parity", path: "peek", output_mode: mode });
      expect(result.text).toBe("No matches found (1 result hidden by permission rules)");
      expect((await grep({ pattern: "parity", path: "peek", output_mode: mode })).text).toContain("key.txt");
    });

    it("keeps context lines and separators tidy when a file in the middle is removed", async () => {
      await file("m/a.txt", "x\nneedle\ny\n");
      await file("m/b.txt", "x\nneedle\ny\n");
      await file("secrets/c.txt", "x\nneedle\ny\n");
      await file("z/d.txt", "x\nneedle\ny\n");
      const result = await guarded({ pattern: "needle", output_mode: "content", "-C": 1, "-n": false });
      expect(result.text).toBe(
        ["m/a.txt-x", "m/a.txt:needle", "m/a.txt-y", "--", "m/b.txt-x", "m/b.txt:needle", "m/b.txt-y", "--", "z/d.txt-x", "z/d.txt:needle", "z/d.txt-y", "(1 result hidden by permission rules)"].join("\n"),
      );
    });
  });

  describe("when ripgrep's output passes the limit", () => {
    /** The real host context with rg's output cap lowered to `bytes`. */
    const cappedAt = (bytes: number): ToolContext => {
      const context = workspace.context({ mode: "read-only" });
      return { ...context, exec: (command: string, options: ExecOptions = {}) => context.exec(command, { ...options, maxOutputBytes: bytes }) };
    };

    it("lists the complete records read and says how many bytes were cut, not a wrong count", async () => {
      const rows = Array.from({ length: 100 }, (_, index) => `hit ${String(index).padStart(3, "0")}`);
      await file("many/lines.txt", `${rows.join("\n")}\n`);
      const total = rows.reduce((sum, row, index) => sum + Buffer.byteLength(`many/lines.txt\0${index + 1}:${row}\n`), 0);
      const result = await callTool(grepTool, { pattern: "hit", path: "many", output_mode: "content", head_limit: 3 }, cappedAt(190));
      const shown = result.text.split("\n");
      expect(shown.slice(0, 3)).toEqual(["many/lines.txt:1:hit 000", "many/lines.txt:2:hit 001", "many/lines.txt:3:hit 002"]);
      // records are 25 bytes (`many/lines.txt` NUL `1:hit 000` newline): 190 bytes hold 7 and part of the 8th, which is not shown
      const kept = rows.slice(0, 7).reduce((sum, row, index) => sum + Buffer.byteLength(`many/lines.txt\0${index + 1}:${row}\n`), 0);
      expect(shown[3]).toBe("(4 more lines read before the cut; raise head_limit or offset to see them)");
      expect(shown[4]).toBe(
        `(ripgrep's output was cut after ${kept} bytes; ${total - kept} more bytes were not read, so more matches exist than listed here: narrow the search with path, glob, type or the pattern)`,
      );
      expect(shown).toHaveLength(5);
      const all = await callTool(grepTool, { pattern: "hit", path: "many", output_mode: "content", head_limit: 0 }, cappedAt(190));
      expect(all.text.split("\n").slice(0, -1)).toEqual(rows.slice(0, 7).map((row, index) => `many/lines.txt:${index + 1}:${row}`));
    });

    it("says at least N files in files_with_matches mode, with no half file name", async () => {
      for (let index = 0; index < 50; index += 1) await file(`m/f${String(index).padStart(2, "0")}.txt`, "needle\n");
      const result = await callTool(grepTool, { pattern: "needle", path: "m" }, cappedAt(100));
      const shown = result.text.split("\n");
      // each record is `m/fNN.txt` + NUL (10 bytes): 10 fit in 100 bytes
      expect(shown[0]).toBe("Found at least 10 files");
      expect(shown.slice(1, 11).every((line) => /^m\/f\d\d\.txt$/.test(line))).toBe(true);
      expect(shown[11]).toBe(
        "(ripgrep's output was cut after 100 bytes; 400 more bytes were not read, so more matches exist than listed here: narrow the search with path, glob, type or the pattern)",
      );
      expect(shown).toHaveLength(12);
    });
  });

  it("refuses an over-long pattern with a one-line error", async () => {
    const result = await grep({ pattern: "a".repeat(200_000) });
    expect(result).toMatchObject({ isError: true, errorCode: "pattern_too_long", text: "pattern is too long (200000 bytes; at most 32768)" });
  });

  it("splits file names holding a colon exactly", async () => {
    await file("odd:name.txt", "parity\n");
    expect((await grep({ pattern: "parity", path: "odd:name.txt", output_mode: "content" })).text).toBe("odd:name.txt:1:parity");
    expect((await grep({ pattern: "parity", path: "odd:name.txt", output_mode: "count" })).text).toBe("odd:name.txt:1");
  });
});
