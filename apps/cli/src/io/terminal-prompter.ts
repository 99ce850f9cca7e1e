import { closeSync, openSync } from "node:fs";
import { ReadStream, WriteStream } from "node:tty";
import { createStreamPrompter, type PermissionPrompter } from "@axion/runtime";

const TERMINAL = "/dev/tty";

/** Whether this process has a controlling terminal a person could answer at. */
export function terminalAvailable(): boolean {
  try {
    closeSync(openSync(TERMINAL, "r"));
    return true;
  } catch {
    return false;
  }
}

/**
 * Asks approval questions at the controlling terminal, never on stdin: piped input is data, not a person, so a
 * `y` in a log cannot approve a command. The question goes to stderr when that is the terminal, else to the
 * terminal itself (so `2>log` does not hide it). The terminal is opened for each question and closed after it,
 * so nothing holds the process open.
 */
export function createTerminalPrompter(stderr: NodeJS.WritableStream & { isTTY?: boolean }): PermissionPrompter {
  let queue: Promise<unknown> = Promise.resolve();
  const askOnce: PermissionPrompter["ask"] = async (request, reason, signal) => {
    const input = new ReadStream(openSync(TERMINAL, "r"));
    const output = stderr.isTTY === true ? undefined : new WriteStream(openSync(TERMINAL, "w"));
    try {
      return await createStreamPrompter({ input, output: output ?? stderr }).ask(request, reason, signal);
    } finally {
      input.destroy();
      output?.destroy();
    }
  };
  return {
    ask(request, reason, signal) {
      const answer = queue.then(() => askOnce(request, reason, signal));
      queue = answer.catch(() => undefined);
      return answer;
    },
  };
}
