import { describe, expect, it } from "vitest";
import { formatToolCall, formatToolResult } from "./tool-call-line.js";

describe("tool call lines", () => {
  it("shows the primary argument of known tools", () => {
    expect(formatToolCall("Bash", { command: "npm test", timeout: 1000 })).toBe("● Bash(npm test)");
    expect(formatToolCall("Read", { file_path: "src/a.ts" })).toBe("● Read(src/a.ts)");
    expect(formatToolCall("mcp__x__y", { a: 1 })).toBe('● mcp__x__y({"a":1})');
  });

  it("summarises results in one line", () => {
    expect(formatToolResult("line one\nline two\nline three", false)).toBe("  ⎿ line one (+2 lines)");
    expect(formatToolResult("", false)).toBe("  ⎿ (no output)");
    expect(formatToolResult("boom", true)).toBe("  ⎿ Error: boom");
  });
});
