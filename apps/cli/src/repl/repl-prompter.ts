import { PROMPT_QUESTION, PROMPT_TITLE, type PermissionPrompter, type PromptAnswer } from "@axion/runtime";
import type { LineEditor } from "./line-editor.js";
import type { TerminalStyle } from "./terminal-style.js";

const PREVIEW_LIMIT = 300;

function inputPreview(input: unknown): string {
  let text: string;
  try {
    text = typeof input === "string" ? input : (JSON.stringify(input) ?? String(input));
  } catch {
    text = String(input);
  }
  text = text.replace(/\s*\n\s*/g, " ");
  return text.length > PREVIEW_LIMIT ? `${text.slice(0, PREVIEW_LIMIT - 1)}…` : text;
}

const isAborted = (signal: AbortSignal | undefined): boolean => signal?.aborted === true;

/** y / yes approve once, a / always approve for the session, anything else denies. */
export function parseApproval(line: string): "once" | "always" | "deny" {
  const answer = line.trim().toLowerCase();
  if (answer === "y" || answer === "yes") return "once";
  if (answer === "a" || answer === "always") return "always";
  return "deny";
}

export interface ReplPrompterOptions {
  editor: LineEditor;
  style: TerminalStyle;
  write(text: string): void;
  /** Called before the question is printed (the REPL stops its spinner and ends a half-written line). */
  beforeAsk?: (() => void) | undefined;
  /** Ctrl-C at the question: the answer is "deny" and this is called (the REPL cancels the turn). */
  onInterrupt?: (() => void) | undefined;
}

/**
 * The permission prompt of the REPL: the same text as the one-shot prompt (`Permission approval required`, the
 * tool, mode, reason and input, then `Approve this tool call? [y/N]:`), answered in the REPL's own line editor.
 */
export function createReplPrompter(options: ReplPrompterOptions): PermissionPrompter {
  const { editor, style, write } = options;
  let queue: Promise<unknown> = Promise.resolve();
  const askOnce = async (request: Parameters<PermissionPrompter["ask"]>[0], reason: string, signal?: AbortSignal): Promise<PromptAnswer> => {
    if (signal?.aborted === true) throw signal.reason ?? new Error("aborted");
    options.beforeAsk?.();
    const modeLine =
      request.currentMode === undefined ? request.requiredPermission : `${request.currentMode} → ${request.requiredPermission}`;
    write(
      [
        "",
        style.bold(style.yellow(PROMPT_TITLE)),
        `  Tool:   ${style.bold(request.toolName)}`,
        `  Mode:   ${modeLine}`,
        `  Reason: ${reason}`,
        `  Input:  ${inputPreview(request.input)}`,
        style.dim("  (y = approve once, a = approve for this session, anything else = deny)"),
        "",
      ].join("\n"),
    );
    const onAbort = (): void => editor.cancel();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const result = await editor.read({ prompt: `${PROMPT_QUESTION} `, multiline: false, typeAhead: false });
      if (isAborted(signal)) throw signal?.reason ?? new Error("aborted");
      if (result.kind === "eof") return "no-answer";
      if (result.kind === "interrupt") {
        options.onInterrupt?.();
        return "deny";
      }
      return parseApproval(result.text);
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
  };
  return {
    ask(request, reason, signal) {
      // questions asked at the same time (parallel tool calls) are put one after another
      const answer = queue.then(() => askOnce(request, reason, signal));
      queue = answer.catch(() => undefined);
      return answer;
    },
  };
}
