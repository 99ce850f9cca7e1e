import { describe, expect, it } from "vitest";
import { fileDiff } from "@axion/tools";
import { diffSummary, isDiffDisplay, renderDiffLines } from "./diff-view.js";
import { createTerminalStyle, stripAnsi } from "./terminal-style.js";

const styled = createTerminalStyle(true);

describe("diff view", () => {
  it("numbers the lines of an Edit diff, removals red and additions green", () => {
    const display = fileDiff("src/a.ts", "one\ntwo\nthree\n", "one\n2\nthree\nfour\n", false);
    expect(isDiffDisplay(display)).toBe(true);
    expect(diffSummary(display)).toBe("Updated src/a.ts with 2 additions and 1 removal");
    const lines = renderDiffLines(display, styled, { indent: "" });
    expect(lines.map(stripAnsi)).toEqual(["  1   one", "  2 - two", "  2 + 2", "  3   three", "  4 + four"]);
    expect(lines[1]).toBe(styled.red("  2 - two"));
    expect(lines[2]).toBe(styled.green("  2 + 2"));
  });

  it("summarises a created file and cuts long diffs with a count", () => {
    const content = Array.from({ length: 50 }, (_value, index) => `line ${index + 1}`).join("\n");
    const display = fileDiff("big.txt", "", content, true);
    expect(diffSummary(display)).toBe("Created big.txt (50 lines)");
    const lines = renderDiffLines(display, createTerminalStyle(false), { maxLines: 5 });
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe("      1 + line 1");
    expect(lines[5]).toBe("    … 45 more lines");
  });

  it("marks the gap between hunks and ignores non-diff displays", () => {
    const before = Array.from({ length: 20 }, (_value, index) => `l${index}`).join("\n");
    const after = before.replace("l1\n", "L1\n").replace("l18", "L18");
    const lines = renderDiffLines(fileDiff("x", before, after, false), createTerminalStyle(false), { indent: "" });
    expect(lines).toContain("    ⋮");
    expect(isDiffDisplay({ kind: "text" })).toBe(false);
    expect(isDiffDisplay(undefined)).toBe(false);
  });
});
