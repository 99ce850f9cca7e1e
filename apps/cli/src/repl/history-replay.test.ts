import { describe, expect, it } from "vitest";
import { fileDiff } from "@axion/tools";
import { renderHistory } from "./history-replay.js";
import { formatStatusLine } from "./status-line.js";
import { createTerminalStyle } from "./terminal-style.js";
import { styleToolCall, toolResultLines } from "./turn-view.js";
import { formatWelcome } from "./welcome.js";

const plain = createTerminalStyle(false);
const styled = createTerminalStyle(true);

describe("renderHistory", () => {
  it("shows prompts as typed, replies, tool calls and one-line results", () => {
    const text = renderHistory(
      [
        { role: "user", content: [{ type: "text", text: "read it @a.txt\n\n[Context from @a.txt]\n     1\tx" }] },
        { role: "assistant", content: [{ type: "text", text: "Sure." }, { type: "tool_use", id: "t1", name: "Read", input: { file_path: "a.txt" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "     1\tx\n     2\ty" }] },
        { role: "assistant", content: "It says **x**." },
      ],
      plain,
    );
    expect(text.split("\n")).toEqual([
      "❯ read it @a.txt",
      "  (1 file reference attached)",
      "",
      "Sure.",
      "● Read(a.txt)",
      "",
      "  ⎿ 1\tx (+1 lines)",
      "It says **x**.",
      "",
      "",
    ]);
  });
});

describe("tool lines", () => {
  it("styles the call line and turns a diff display into a summary with a diff", () => {
    expect(styleToolCall("Bash", { command: "ls" }, plain)).toBe("● Bash(ls)");
    expect(styleToolCall("Bash", { command: "ls" }, styled)).toBe(`${styled.green("●")} ${styled.bold("Bash")}${styled.dim("(ls)")}`);
    const lines = toolResultLines("Created a.txt", false, fileDiff("a.txt", "", "hi\n", true), plain);
    expect(lines).toEqual(["  ⎿ Created a.txt (1 line)", "      1 + hi"]);
    expect(toolResultLines("boom", true, undefined, plain)).toEqual(["  ⎿ Error: boom"]);
  });
});

describe("status line and welcome", () => {
  it("shows model, tokens, cost, mode and the plan badge", () => {
    const info = {
      model: "gpt-4o",
      provider: "openai",
      usage: { input_tokens: 1200, output_tokens: 34, cache_creation_input_tokens: 0, cache_read_input_tokens: 100 },
      costUsd: 0.01234,
      permissionMode: "workspace-write",
      planMode: false,
    };
    expect(formatStatusLine(info, plain)).toBe("gpt-4o (openai) · 1,334 tokens (1,300 in, 34 out) · $0.0123 · workspace-write");
    expect(formatStatusLine({ ...info, planMode: true }, plain)).toMatch(/ \[PLAN\]$/);
  });

  it("lists version, model, session, mode, branch and cwd", () => {
    const lines = formatWelcome(
      { version: "1.2.3", model: "m", provider: "p", sessionId: "abc", permissionMode: "read-only", planMode: false, gitBranch: "main", cwd: "/w", resumed: true },
      plain,
    );
    expect(lines.slice(0, 6)).toEqual(["axion v1.2.3", "model     m (p)", "session   abc (resumed)", "mode      read-only", "branch    main", "cwd       /w"]);
  });
});
