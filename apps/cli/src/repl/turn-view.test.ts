import { describe, expect, it } from "vitest";
import { fileDiff } from "@axion/tools";
import { createSpinner, type Spinner } from "./spinner.js";
import { createTerminalStyle } from "./terminal-style.js";
import { createTurnView } from "./turn-view.js";

function recordingSpinner(log: string[]): Spinner {
  let running = false;
  let shown = "";
  return {
    // like the real spinner: a start while running only changes the label
    start(label) {
      if (!running || label !== shown) log.push(`spin:${label}`);
      running = true;
      shown = label;
    },
    stop() {
      if (running) log.push("stop");
      running = false;
    },
    get running() {
      return running;
    },
  };
}

describe("createTurnView", () => {
  it("spins until the first printed line, then prints text, tool lines, diffs and the stop notice in order", () => {
    const log: string[] = [];
    const view = createTurnView({ write: (text) => log.push(text), style: createTerminalStyle(true), spinner: recordingSpinner(log), columns: () => 80 });
    view.waiting();
    view.handle({ type: "iteration_start", iteration: 1 });
    view.handle({ type: "text_delta", text: "Let me " });
    view.handle({ type: "text_delta", text: "look.\nNow" });
    view.handle({ type: "tool_use", id: "t", name: "Edit", input: { file_path: "a.ts" }, inputJson: "{}" });
    view.handle({ type: "tool_result", id: "t", name: "Edit", output: "Replaced 1 occurrence(s) in a.ts", isError: false, display: fileDiff("a.ts", "x\n", "y\n", false) });
    view.handle({ type: "iteration_start", iteration: 2 });
    view.handle({ type: "stop", reason: "aborted", message: "Interrupted." });
    const plainLog = log.map((entry) => entry.replace(/\x1b\[[0-9;]*m/g, ""));
    expect(plainLog).toEqual([
      "spin:Thinking…",
      "spin:Responding…",
      "stop",
      "Let me look.\n",
      "Now\n",
      "● Edit(a.ts)\n",
      "  ⎿ Updated a.ts with 1 addition and 1 removal\n",
      "      1 - x\n",
      "      1 + y\n",
      "spin:Thinking…",
      "stop",
      "Interrupted.\n",
    ]);
  });

  it("prints nothing but plain text, immediately, when styling is off", () => {
    const writes: string[] = [];
    const style = createTerminalStyle(false);
    const view = createTurnView({ write: (text) => writes.push(text), style, spinner: createSpinner({ write: (text) => writes.push(text), enabled: false, style }), columns: () => 80 });
    view.waiting();
    view.handle({ type: "text_delta", text: "**partial" });
    expect(writes).toEqual(["**partial"]);
    view.handle({ type: "warning", message: "slow server" });
    view.handle({ type: "stop", reason: "max_turns", message: "Stopped after 2 model calls (--max-turns 2)." });
    expect(writes.join("")).toBe("**partial\nwarning: slow server\nStopped after 2 model calls (--max-turns 2).\n");
  });
});
