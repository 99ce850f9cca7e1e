import type { AgentEvent } from "@axion/runtime";
import { formatToolCall, formatToolResult } from "../output/tool-call-line.js";
import { diffSummary, isDiffDisplay, renderDiffLines } from "./diff-view.js";
import { createMarkdownStream, type MarkdownStream } from "./markdown-stream.js";
import type { Spinner } from "./spinner.js";
import type { TerminalStyle } from "./terminal-style.js";

export interface TurnViewOptions {
  write(text: string): void;
  style: TerminalStyle;
  spinner: Spinner;
  columns(): number;
}

/** Prints one turn's events: streamed Markdown, `● Tool(args)` / `  ⎿ summary` lines, diffs, notices. */
export interface TurnView {
  handle(event: AgentEvent): void;
  /** Waiting for the model: the spinner runs until the first output. */
  waiting(): void;
  /** Ends a half-written line and stops the spinner (before a question or at the end of the turn). */
  settle(): void;
}

/** The styled `● Tool(args)` line. */
export function styleToolCall(name: string, input: unknown, style: TerminalStyle): string {
  const line = formatToolCall(name, input);
  if (!style.enabled) return line;
  const open = line.indexOf("(");
  return `${style.green("●")} ${style.bold(line.slice(2, open))}${style.dim(line.slice(open))}`;
}

/** The `  ⎿ summary` line (and a coloured diff for Write / Edit) of a tool result. */
export function toolResultLines(output: string, isError: boolean, display: unknown, style: TerminalStyle): string[] {
  if (!isError && isDiffDisplay(display)) {
    return [`  ⎿ ${diffSummary(display)}`, ...renderDiffLines(display, style)];
  }
  const line = formatToolResult(output, isError);
  return [isError ? style.red(line) : style.dim(line)];
}

export function createTurnView(options: TurnViewOptions): TurnView {
  const { style, spinner } = options;
  // the spinner stays up until text is actually printed (styled Markdown waits for whole lines)
  const write = (text: string): void => {
    spinner.stop();
    options.write(text);
  };
  let markdown: MarkdownStream = createMarkdownStream({ style, write, columns: options.columns });
  let thinkingShown = false;
  let anyOutput = false;

  const settle = (): void => {
    spinner.stop();
    markdown.end();
  };
  const line = (text: string): void => {
    settle();
    write(`${text}\n`);
  };

  return {
    waiting() {
      if (!markdown.midLine) spinner.start("Thinking…");
    },
    settle,
    handle(event) {
      switch (event.type) {
        case "iteration_start":
          thinkingShown = false;
          if (anyOutput) markdown.end();
          if (!markdown.midLine) spinner.start("Thinking…");
          return;
        case "text_delta":
          if (spinner.running) spinner.start("Responding…");
          anyOutput = true;
          markdown.push(event.text);
          return;
        case "thinking_delta":
          if (thinkingShown) return;
          thinkingShown = true;
          line(style.dim(style.italic("✻ Thinking…")));
          spinner.start("Thinking…");
          return;
        case "tool_use":
          anyOutput = true;
          markdown.end();
          markdown = createMarkdownStream({ style, write, columns: options.columns });
          line(styleToolCall(event.name, event.input, style));
          return;
        case "tool_result":
          for (const text of toolResultLines(event.output, event.isError, event.display, style)) line(text);
          return;
        case "compaction":
          line(style.dim(event.notice));
          return;
        case "warning":
          line(style.yellow(`warning: ${event.message}`));
          return;
        case "notice":
          line(style.dim(`hook: ${event.message}`));
          return;
        case "stop":
          settle();
          if (event.reason === "aborted") write(`${style.yellow("Interrupted.")}\n`);
          else if (event.reason !== "end_turn" && event.reason !== "max_tokens" && event.message !== "") write(`${style.red(event.message)}\n`);
          return;
        case "usage":
          return;
      }
    },
  };
}
