import { fstatSync } from "node:fs";

/** True when stdin is a terminal. */
export function stdinIsTty(): boolean {
  return process.stdin.isTTY === true;
}

/** True when stdin is a pipe, a file or a socket: something that may carry input (not a terminal, not /dev/null). */
export function stdinIsPiped(): boolean {
  if (stdinIsTty()) return false;
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isFile() || stat.isSocket();
  } catch {
    return false;
  }
}

/** Reads all of a piped stdin (the prompt of `echo "…" | axion`). */
export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** Piped input kept as context: the tail, where the error of a log usually is. */
export const STDIN_CONTEXT_LIMIT = 1024 * 1024;

export interface PipedContext {
  /** What came on stdin (its last 1 MiB), or undefined when nothing did. */
  text: string | undefined;
  /** Bytes left out from the start. */
  droppedBytes: number;
  /** The pipe stayed open and silent for the whole wait; it was left unread. */
  silent: boolean;
}

/**
 * Reads stdin piped beside a prompt (`cat log | axion -p "explain"`) as context for that prompt. A pipe that is
 * open but sends nothing (a harness that never closes it) would hang the run: when no byte and no end of input
 * arrive within `waitMs`, stdin is let go and the run goes on without it. Once input starts it is read to the end.
 */
export function readPipedContext(waitMs: number): Promise<PipedContext> {
  const stdin = process.stdin;
  return new Promise((resolvePromise, rejectPromise) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let dropped = 0;
    let started = false;
    const finish = (result: PipedContext) => {
      clearTimeout(timer);
      stdin.removeListener("data", onData);
      stdin.removeListener("end", onEnd);
      stdin.removeListener("error", onError);
      resolvePromise(result);
    };
    const onData = (chunk: Buffer | string) => {
      started = true;
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      chunks.push(buffer);
      size += buffer.length;
      while (size > STDIN_CONTEXT_LIMIT && chunks.length > 1) {
        const first = chunks.shift()!;
        size -= first.length;
        dropped += first.length;
      }
    };
    const onEnd = () => {
      let bytes = Buffer.concat(chunks);
      if (bytes.length > STDIN_CONTEXT_LIMIT) {
        dropped += bytes.length - STDIN_CONTEXT_LIMIT;
        bytes = bytes.subarray(bytes.length - STDIN_CONTEXT_LIMIT);
      }
      const text = bytes.toString("utf8");
      finish({ text: text.trim() === "" ? undefined : text, droppedBytes: dropped, silent: false });
    };
    const onError = (error: Error) => {
      clearTimeout(timer);
      rejectPromise(error);
    };
    const timer = setTimeout(() => {
      if (started) return;
      stdin.pause();
      stdin.destroy();
      finish({ text: undefined, droppedBytes: 0, silent: true });
    }, waitMs);
    stdin.on("data", onData);
    stdin.on("end", onEnd);
    stdin.on("error", onError);
  });
}

/** The prompt with piped input attached as context. */
export function withPipedContext(prompt: string, context: PipedContext): string {
  if (context.text === undefined) return prompt;
  const note = context.droppedBytes > 0 ? ` (its first ${context.droppedBytes} bytes left out)` : "";
  return `${prompt}\n\n<stdin${note}>\n${context.text.replace(/\n$/, "")}\n</stdin>`;
}
