import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import type { ExecResult, ToolContext } from "@axion/runtime";
import { ToolError } from "@axion/runtime";
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

/**
 * Runs ripgrep through the context (so it is stopped with the call) in `cwd`, with user config files
 * ignored. Exit 0 and 1 (no match) are returned; exit 2 with no output becomes a `ToolError` quoting rg.
 */
export async function runRipgrep(context: ToolContext, args: readonly string[], cwd: string): Promise<ExecResult> {
  const command = shellCommand([await ripgrepPath(), "--no-config", "--color", "never", ...args]);
  const result = await context.exec(command, { cwd, maxOutputBytes: RIPGREP_MAX_OUTPUT_BYTES });
  if (result.aborted) throw new ToolError("Search was interrupted", "aborted");
  if (result.exitCode === 127) throw new ToolError(`ripgrep is not available: ${result.stderr.trim()}`, "ripgrep_missing");
  if (result.exitCode !== 0 && result.exitCode !== 1 && result.stdout.trim() === "") {
    const message = result.stderr.trim().split("\n").slice(0, 5).join("\n") || `ripgrep exited with code ${String(result.exitCode)}`;
    throw new ToolError(`Search failed: ${message}`, "search_failed");
  }
  return result;
}

/** Output lines without the trailing empty line. */
export function outputLines(stdout: string): string[] {
  const lines = stdout.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
