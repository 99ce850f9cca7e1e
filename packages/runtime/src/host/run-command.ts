import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { open, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ExecOptions, ExecResult } from "../tool-contract.js";
import { killSandboxedProcess } from "../sandbox/kill-sandboxed-process.js";
import { sandboxedInvocation } from "../sandbox/sandboxed-invocation.js";
import { ToolError } from "../tool-error.js";
import { releaseProcessGroup, trackProcessGroup } from "./process-reaper.js";

/** Bytes kept per stream when the caller does not say. */
export const DEFAULT_MAX_OUTPUT_BYTES = 16_384;
/** Time between SIGTERM and SIGKILL when a command is stopped. */
const KILL_GRACE_MS = 2_000;
/** How long output is still read after the shell exits (grandchildren may keep the pipes open). */
const DRAIN_MS = 100;

/** The line put where a stream longer than `maxOutputBytes` was cut: how many bytes were left out there. */
export function truncationNotice(cutBytes: number): string {
  return `[… ${cutBytes} bytes cut …]`;
}

/**
 * Runs `command` with `bash -c` in its own process group. A timeout or an abort stops the whole group
 * (SIGTERM, then SIGKILL after 2 s). Each stream keeps at most `maxOutputBytes` bytes: past that, its first
 * and last halves are kept with a notice of the bytes cut between them (or only its beginning, then the notice,
 * with `keep: "head"`), cut at character boundaries. `env`, when given, is the complete environment.
 * Resolves once the shell has exited and its output is drained, even if a background grandchild still
 * holds the pipes. Rejects with a `ToolError` only when the shell cannot be started (e.g. a missing cwd, a
 * NUL byte in the command, or a command too long for the system: E2BIG).
 */
export async function runCommand(command: string, options: ExecOptions = {}): Promise<ExecResult> {
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const signal = options.signal;
  if (signal?.aborted) {
    return {
      stdout: "",
      stderr: "",
      exitCode: null,
      signal: null,
      timedOut: false,
      aborted: true,
      stdoutTruncated: false,
      stderrTruncated: false,
    };
  }
  if (command.includes("\0")) throw new ToolError("Cannot run the command: it contains a NUL byte, which no shell command can hold", "exec_failed");
  const stdinFile = options.stdin === undefined ? undefined : await openInputFile(options.stdin);
  try {
    return await spawnAndWait(command, options, maxOutputBytes, stdinFile?.fd ?? "ignore");
  } catch (error) {
    throw spawnFailure(error, command);
  } finally {
    await stdinFile?.close();
  }
}

/** A synchronous spawn failure (Node throws E2BIG and its argument checks at once) as a `ToolError`. */
function spawnFailure(error: unknown, command: string): unknown {
  if (ToolError.isInstance(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "E2BIG") {
    const bytes = Buffer.byteLength(command);
    return new ToolError(
      `Cannot run the command: it is too long for the system (${bytes} bytes; one argument may hold 128 KiB, arguments and environment together about 2 MiB)`,
      "command_too_long",
    );
  }
  if (typeof code === "string" && code.startsWith("ERR_INVALID_ARG_")) {
    const message = (error as Error).message.replace(/\s+/g, " ");
    return new ToolError(`Cannot run the command: ${message.length > 300 ? `${message.slice(0, 300)}…` : message}`, "exec_failed");
  }
  return error;
}

/**
 * Input is handed over as a file, not a socket: bash reads ~/.bashrc when its stdin is a socket and SHLVL
 * is unset, which would slow down and alter every command run with a minimal environment.
 */
async function openInputFile(input: string) {
  const path = join(tmpdir(), `axion-stdin-${randomBytes(6).toString("hex")}`);
  await writeFile(path, input, { mode: 0o600 });
  try {
    return await open(path, "r");
  } finally {
    await unlink(path);
  }
}

function spawnAndWait(
  command: string,
  options: ExecOptions,
  maxOutputBytes: number,
  stdin: number | "ignore",
): Promise<ExecResult> {
  const signal = options.signal;
  return new Promise<ExecResult>((resolvePromise, rejectPromise) => {
    // with a sandbox: bwrap … -- bash -c command; killing bwrap's group ends the sandbox's pid namespace
    const invocation = sandboxedInvocation(command, options.sandbox, options.env?.["TMPDIR"] || undefined);
    const child = spawn(invocation.file, invocation.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: [stdin, "pipe", "pipe"],
    });
    // the group dies with axion, however axion ends (see process-reaper.ts)
    trackProcessGroup(child.pid);
    const keepTail = options.keep !== "head";
    const stdout = new CappedBuffer(maxOutputBytes, keepTail);
    const stderr = new CappedBuffer(maxOutputBytes, keepTail);
    let timedOut = false;
    let aborted = false;
    let settled = false;
    let exitCode: number | null = null;
    let exitSignal: string | null = null;
    let timeoutTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;

    const killGroup = (killSignal: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, killSignal);
      } catch {
        // The group is already gone.
      }
    };
    const stop = (): void => {
      // a sandbox is disposable: everything in it is killed at once (see killSandboxedProcess)
      if (invocation.watch !== undefined && child.pid !== undefined) {
        killSandboxedProcess(child.pid);
        return;
      }
      killGroup("SIGTERM");
      // Keeps running after the promise settles so a grandchild that ignores SIGTERM is still killed.
      setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS).unref();
    };
    const onAbort = (): void => {
      if (settled || aborted) return;
      aborted = true;
      stop();
    };

    const finish = (): void => {
      if (settled) return;
      settled = true;
      if (timeoutTimer !== undefined) clearTimeout(timeoutTimer);
      if (drainTimer !== undefined) clearTimeout(drainTimer);
      signal?.removeEventListener("abort", onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      releaseProcessGroup(child.pid);
      resolvePromise({
        stdout: stdout.text(),
        stderr: withLines(stderr.text(), invocation.watch?.removeCreated() ?? []),
        exitCode,
        signal: exitSignal,
        timedOut,
        aborted,
        stdoutTruncated: stdout.truncated,
        stderrTruncated: stderr.truncated,
      });
    };

    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      if (timeoutTimer !== undefined) clearTimeout(timeoutTimer);
      signal?.removeEventListener("abort", onAbort);
      const where = options.cwd === undefined ? "" : ` in ${options.cwd}`;
      rejectPromise(new ToolError(`Cannot run the command${where}: ${error.message}`, "exec_failed"));
    });
    child.on("exit", (code, killedBy) => {
      exitCode = code;
      exitSignal = killedBy;
      drainTimer = setTimeout(finish, DRAIN_MS);
    });
    child.on("close", finish);

    if (options.timeoutMs !== undefined) {
      timeoutTimer = setTimeout(() => {
        if (settled || aborted) return;
        timedOut = true;
        stop();
      }, options.timeoutMs);
    }
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `text` with `lines` appended, each on its own line. */
function withLines(text: string, lines: readonly string[]): string {
  if (lines.length === 0) return text;
  return `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${lines.join("\n")}\n`;
}

/**
 * Collects a stream up to a byte limit: the first half of the limit (all of it when `keepTail` is false) as
 * it comes, and the last bytes of the rest in a window sliding over the stream; counts the bytes in between.
 */
class CappedBuffer {
  private readonly head: Buffer[] = [];
  private headSize = 0;
  private readonly tail: Buffer[] = [];
  private tailSize = 0;
  private total = 0;
  private readonly headLimit: number;
  private readonly tailLimit: number;

  constructor(
    private readonly limit: number,
    keepTail: boolean,
  ) {
    this.headLimit = keepTail ? Math.ceil(limit / 2) : limit;
    this.tailLimit = limit - this.headLimit;
  }

  get truncated(): boolean {
    return this.total > this.limit;
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headSize < this.headLimit) {
      const taken = rest.subarray(0, this.headLimit - this.headSize);
      this.head.push(taken);
      this.headSize += taken.length;
      rest = rest.subarray(taken.length);
    }
    if (rest.length === 0 || this.tailLimit === 0) return;
    this.tail.push(rest);
    this.tailSize += rest.length;
    while (this.tail.length > 1 && this.tailSize - this.tail[0]!.length >= this.tailLimit) {
      this.tailSize -= this.tail.shift()!.length;
    }
  }

  text(): string {
    const head = Buffer.concat(this.head);
    let tail = Buffer.concat(this.tail);
    if (!this.truncated) return Buffer.concat([head, tail]).toString("utf8");
    const keptHead = head.subarray(0, characterBoundary(head));
    tail = tail.subarray(Math.max(0, tail.length - this.tailLimit));
    tail = tail.subarray(characterStart(tail));
    const cut = this.total - keptHead.length - tail.length;
    const before = keptHead.toString("utf8");
    const notice = `${before}${before.endsWith("\n") || before === "" ? "" : "\n"}${truncationNotice(cut)}`;
    return tail.length === 0 ? notice : `${notice}\n${tail.toString("utf8")}`;
  }
}

/** Offset of the first byte of `bytes` that starts a UTF-8 character (skips a leading, partial sequence). */
function characterStart(bytes: Buffer): number {
  let start = 0;
  while (start < bytes.length && start < 3 && (bytes[start]! & 0b1100_0000) === 0b1000_0000) start += 1;
  return start;
}

/** Length of `bytes` without a trailing, incomplete UTF-8 sequence. */
function characterBoundary(bytes: Buffer): number {
  const end = bytes.length;
  let continuation = 0;
  while (end - continuation - 1 >= 0 && continuation < 4) {
    const byte = bytes[end - continuation - 1]!;
    if ((byte & 0b1100_0000) !== 0b1000_0000) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
      return needed > continuation + 1 ? end - continuation - 1 : end;
    }
    continuation += 1;
  }
  return end;
}
