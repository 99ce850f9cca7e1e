import { spawn, type ChildProcess } from "node:child_process";
import type { MockTurn } from "@axion/mock-llm";
import { AXION_BIN } from "./run-axion.js";

/** `count` model turns, each one Bash call `sleep 0.2; echo <n>` with a unique id (`<prefix>_<n>`). */
export function bashLoopTurns(prefix: string, count: number): MockTurn[] {
  return Array.from({ length: count }, (_, index) => ({
    toolCalls: [{ id: `${prefix}_${index + 1}`, name: "Bash", input: { command: `sleep 0.2; echo ${index + 1}` } }],
  }));
}

export interface KillableRun {
  child: ChildProcess;
  /** Everything written to stderr so far. */
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the built binary without waiting for it, so a test can kill it at a moment of its choosing. */
export function startAxion(args: readonly string[], options: { cwd: string; env: Record<string, string> }): KillableRun {
  const child = spawn(process.execPath, [AXION_BIN, ...args], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  return { child, stderr: () => stderr, exited };
}

