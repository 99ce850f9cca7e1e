import type { PermissionRequest } from "./permission-policy.js";

/** `no-answer`: the input ended (EOF) before an answer; treated as a denial with its own reason. */
export type PromptAnswer = "once" | "always" | "deny" | "no-answer";

/** Asks a person whether one tool call may run. */
export interface PermissionPrompter {
  ask(request: PermissionRequest, reason: string, signal?: AbortSignal): Promise<PromptAnswer>;
}

export const PROMPT_TITLE = "Permission approval required";
export const PROMPT_QUESTION = "Approve this tool call? [y/N]:";
const PREVIEW_LIMIT = 300;

/** The tool input as one line of JSON, cut at 300 characters. */
export function inputPreview(input: unknown): string {
  let text: string;
  try {
    text = typeof input === "string" ? input : (JSON.stringify(input) ?? String(input));
  } catch {
    text = String(input);
  }
  text = text.replace(/\s*\n\s*/g, " ");
  return text.length > PREVIEW_LIMIT ? `${text.slice(0, PREVIEW_LIMIT - 1)}…` : text;
}

/** Maps a typed answer: y/yes → once, a/always → always, anything else → deny. */
export function parsePromptAnswer(line: string): "once" | "always" | "deny" {
  const answer = line.trim().toLowerCase();
  if (answer === "y" || answer === "yes") return "once";
  if (answer === "a" || answer === "always") return "always";
  return "deny";
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted", "AbortError");
}

/**
 * Reads one line from a stream in paused mode and puts back whatever followed it, so the next question (or the
 * next reader) gets the next line. Resolves undefined at end of input with nothing typed.
 */
export function readOneLine(input: NodeJS.ReadableStream, signal?: AbortSignal): Promise<string | undefined> {
  const stream = input as NodeJS.ReadableStream & { readableEnded?: boolean; destroyed?: boolean };
  if (stream.readableEnded === true || stream.destroyed === true) return Promise.resolve(undefined);
  if (signal?.aborted === true) return Promise.reject(abortError(signal));
  return new Promise<string | undefined>((resolvePromise, rejectPromise) => {
    const pending: Buffer[] = [];
    const finish = (settle: () => void): void => {
      input.removeListener("readable", onReadable);
      input.removeListener("end", onEnd);
      input.removeListener("close", onEnd);
      input.removeListener("error", onError);
      signal?.removeEventListener("abort", onAbort);
      input.pause();
      settle();
    };
    const onReadable = (): void => {
      for (;;) {
        const chunk = input.read() as Buffer | string | null;
        if (chunk === null) return;
        const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
        const newline = buffer.indexOf(0x0a);
        if (newline === -1) {
          pending.push(buffer);
          continue;
        }
        pending.push(buffer.subarray(0, newline));
        const rest = buffer.subarray(newline + 1);
        if (rest.length > 0) input.unshift(rest);
        const line = Buffer.concat(pending).toString("utf8").replace(/\r$/, "");
        finish(() => resolvePromise(line));
        return;
      }
    };
    const onEnd = (): void => {
      const text = Buffer.concat(pending).toString("utf8");
      finish(() => resolvePromise(text.trim() === "" ? undefined : text));
    };
    const onError = (error: Error): void => finish(() => rejectPromise(error));
    const onAbort = (): void => finish(() => rejectPromise(signal === undefined ? new Error("aborted") : abortError(signal)));
    input.on("readable", onReadable);
    input.on("end", onEnd);
    input.on("close", onEnd);
    input.on("error", onError);
    signal?.addEventListener("abort", onAbort, { once: true });
    onReadable();
  });
}

/**
 * A prompter on a pair of streams (stdin and stderr in the CLI). It prints the title, the tool, the current and the
 * required mode, why it asks and a preview of the input, then `Approve this tool call? [y/N]:`, and reads exactly one
 * line: y/yes approves once, a/always for the session, anything else denies, end of input is `no-answer`. Works with
 * a TTY and with piped input. An abort rejects with the signal's reason.
 */
export function createStreamPrompter(streams: {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}): PermissionPrompter {
  const { input, output } = streams;
  let queue: Promise<unknown> = Promise.resolve();
  const askOnce = async (request: PermissionRequest, reason: string, signal?: AbortSignal): Promise<PromptAnswer> => {
    const modeLine =
      request.currentMode === undefined ? request.requiredPermission : `${request.currentMode} → ${request.requiredPermission}`;
    output.write(
      [
        "",
        PROMPT_TITLE,
        `  Tool:   ${request.toolName}`,
        `  Mode:   ${modeLine}`,
        `  Reason: ${reason}`,
        `  Input:  ${inputPreview(request.input)}`,
        "  (y = approve once, a = approve for this session, anything else = deny)",
        `${PROMPT_QUESTION} `,
      ].join("\n"),
    );
    const line = await readOneLine(input, signal);
    if (line === undefined) {
      output.write("\n");
      return "no-answer";
    }
    return parsePromptAnswer(line);
  };
  return {
    ask(request, reason, signal) {
      // Questions asked at the same time (parallel tool calls) are put one after another.
      const answer = queue.then(() => askOnce(request, reason, signal));
      queue = answer.catch(() => undefined);
      return answer;
    },
  };
}
