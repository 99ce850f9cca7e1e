import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { completeFileReference, expandFileReferences, REFERENCE_MAX_LINES } from "./file-references.js";

function workspace(): string {
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), "axion-refs-")));
  writeFileSync(join(cwd, "notes.txt"), "alpha\nbeta\n");
  writeFileSync(join(cwd, "long.txt"), Array.from({ length: 250 }, (_value, index) => `row ${index + 1}`).join("\n"));
  writeFileSync(join(cwd, "blob.bin"), Buffer.from([1, 0, 2, 3]));
  writeFileSync(join(cwd, ".hidden"), "");
  mkdirSync(join(cwd, "src", "deep"), { recursive: true });
  writeFileSync(join(cwd, "src", "main.ts"), "export {};\n");
  return cwd;
}

describe("expandFileReferences", () => {
  it("inlines a file as numbered lines after the typed text, once per file", () => {
    const cwd = workspace();
    const expanded = expandFileReferences("explain @notes.txt, then @notes.txt again", cwd);
    expect(expanded.prompt).toBe("explain @notes.txt, then @notes.txt again\n\n[Context from @notes.txt]\n     1\talpha\n     2\tbeta");
    expect(expanded.references).toEqual([{ path: "notes.txt", kind: "file" }]);
  });

  it("inlines the first 200 lines of a long file and says how many were left out", () => {
    const cwd = workspace();
    const { prompt } = expandFileReferences("@long.txt", cwd);
    expect(prompt).toContain(`   ${REFERENCE_MAX_LINES}\trow 200`);
    expect(prompt).not.toContain("row 201");
    expect(prompt).toContain("… (50 more lines not shown)");
  });

  it("lists a directory, describes a binary file and reports missing paths without changing the text", () => {
    const cwd = workspace();
    const expanded = expandFileReferences("look at @src and @blob.bin and @nothing/here and mail me@example.com", cwd);
    expect(expanded.prompt).toContain("[Context from @src]\nDirectory listing of src (2 entries):\ndeep/\nmain.ts");
    expect(expanded.prompt).toContain("[Context from @blob.bin]\n(binary file, 4 bytes, not inlined)");
    expect(expanded.references).toEqual([
      { path: "src", kind: "directory" },
      { path: "blob.bin", kind: "binary" },
      { path: "nothing/here", kind: "missing" },
    ]);
    expect(expandFileReferences("no references here", cwd)).toEqual({ prompt: "no references here", references: [] });
  });
});

describe("completeFileReference", () => {
  it("completes names in the typed folder, folders with a slash, dot files only when asked", () => {
    const cwd = workspace();
    expect(completeFileReference("read @", 6, cwd)).toEqual({ from: 5, candidates: ["@blob.bin", "@long.txt", "@notes.txt", "@src/"] });
    expect(completeFileReference("read @src/m and more", 11, cwd)).toEqual({ from: 5, candidates: ["@src/main.ts"] });
    expect(completeFileReference("@.h", 3, cwd)).toEqual({ from: 0, candidates: ["@.hidden"] });
    expect(completeFileReference("@missing/x", 10, cwd)).toEqual({ from: 0, candidates: [] });
    expect(completeFileReference("no at sign", 10, cwd)).toBeUndefined();
  });
});
