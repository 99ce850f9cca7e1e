import { fstatSync } from "node:fs";

/** True when stdin is a terminal. */
export function stdinIsTty(): boolean {
  return process.stdin.isTTY === true;
}

/**
 * Whether an approval prompt can read answers from stdin: a terminal, or a pipe / file / socket that was
 * not used for the prompt itself. `/dev/null` and a closed stdin cannot answer.
 */
export function stdinCanAnswer(consumedForPrompt: boolean): boolean {
  if (stdinIsTty()) return true;
  if (consumedForPrompt) return false;
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
