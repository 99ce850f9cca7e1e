import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import type { ExecResult, ToolContext } from "@axion/runtime";
import { ToolError, truncationNotice } from "@axion/runtime";
import { shellCommand } from "./shell-quote.js";

/** Bytes of ripgrep output read before it is cut (the dispatcher truncates the final text anyway). */
const RIPGREP_MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

let ripgrepBinary: Promise<string> | undefined;

/**
 * The ripgrep binary shipped by @vscode/ripgrep's platform package, or `rg` from PATH when it is missing.
 * Resolved from @vscode/ripgrep's real folder (pnpm links packages), so it works from a bundle too.
 */
export function ripgrepPath(): Promise<string> {
  ripgrepBinary ??= Promise.resolve().then(() => {
    try {
      const require = createRequire(import.meta.url);
      const wrapperEntry = realpathSync(require.resolve("@vscode/ripgrep"));
      const platformPackage = `@vscode/ripgrep-${process.platform}-${process.arch}`;
      const binary = process.platform === "win32" ? "rg.exe" : "rg";
      return createRequire(wrapperEntry).resolve(`${platformPackage}/bin/${binary}`);
    } catch {
      return "rg";
    }
  });
  return ripgrepBinary;
}

/** rg's result; when its output passed the limit, `stdout` holds only the complete records read before the cut. */
export interface RipgrepResult extends ExecResult {
  /** Bytes of complete records in `stdout`. */
  keptBytes: number;
  /** Bytes of rg's output that were not read or were dropped as an incomplete record; 0 when nothing was cut. */
  cutBytes: number;
}

/**
 * Runs ripgrep through the context (so it is stopped with the call) in `cwd`, with user config files
 * ignored. Exit 0 and 1 (no match) are returned; exit 2 with no output becomes a `ToolError` quoting rg.
 * Output past the limit is cut: only the records (ending with `recordEnd`) read in full before it are kept.
 */
export async function runRipgrep(
  context: ToolContext,
  args: readonly string[],
  cwd: string,
  recordEnd: "\n" | "\0" = "\n",
): Promise<RipgrepResult> {
  const command = shellCommand([await ripgrepPath(), "--no-config", "--color", "never", ...args]);
  const result = await context.exec(command, { cwd, maxOutputBytes: RIPGREP_MAX_OUTPUT_BYTES, keep: "head" });
  if (result.aborted) throw new ToolError("Search was interrupted", "aborted");
  if (result.exitCode === 127) throw new ToolError(`ripgrep is not available: ${result.stderr.trim()}`, "ripgrep_missing");
  if (result.exitCode !== 0 && result.exitCode !== 1 && result.stdout.trim() === "") {
    const message = result.stderr.trim().split("\n").slice(0, 5).join("\n") || `ripgrep exited with code ${String(result.exitCode)}`;
    throw new ToolError(`Search failed: ${message}`, "search_failed");
  }
  if (!result.stdoutTruncated) return { ...result, keptBytes: Buffer.byteLength(result.stdout), cutBytes: 0 };
  return { ...result, ...completeRecords(result.stdout, recordEnd) };
}

/**
 * A head-only cut stream (`kept` + a newline unless `kept` ended with one + the notice) as its complete records.
 * Whether the newline before the notice was rg's cannot be told, so the last line before it is always dropped.
 */
function completeRecords(stdout: string, recordEnd: "\n" | "\0"): { stdout: string; keptBytes: number; cutBytes: number } {
  const start = stdout.lastIndexOf("[… ");
  const cut = Number(/^\[… (\d+) bytes cut …\]$/.exec(stdout.slice(start))?.[1] ?? Number.NaN);
  if (start === -1 || !Number.isInteger(cut) || !stdout.endsWith(truncationNotice(cut))) {
    return { stdout, keptBytes: Buffer.byteLength(stdout), cutBytes: 0 };
  }
  const read = stdout.slice(0, start).replace(/\n$/, "");
  const end = read.lastIndexOf(recordEnd) + 1;
  const complete = read.slice(0, end);
  const keptBytes = Buffer.byteLength(complete);
  return { stdout: complete, keptBytes, cutBytes: cut + Buffer.byteLength(read) - keptBytes };
}

/** Output lines without the trailing empty line. */
export function outputLines(stdout: string): string[] {
  const lines = stdout.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
