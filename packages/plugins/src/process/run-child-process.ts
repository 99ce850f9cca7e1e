import { spawn } from "node:child_process";

export interface ChildProcessOptions {
  command: string;
  args?: readonly string[] | undefined;
  cwd: string;
  env: Record<string, string>;
  /** Written to the child's stdin, which is then closed. */
  stdin?: string | undefined;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Bytes kept per stream; past it the rest is dropped and `…Truncated` is set. */
  maxOutputBytes?: number | undefined;
}

export interface ChildProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  /** Why the program could not be started (`command not found: …`). */
  spawnError?: string | undefined;
  durationMs: number;
}

const DEFAULT_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
const KILL_GRACE_MS = 1000;
/** How long to wait for the pipes to close once the child has exited (a background grandchild may hold them). */
const CLOSE_GRACE_MS = 500;

/**
 * Runs a program in its own process group. On timeout or abort the whole group gets SIGTERM, then SIGKILL after a
 * second, so grandchildren (a shell's `sleep`) die too.
 */
export function runChildProcess(options: ChildProcessOptions): Promise<ChildProcessResult> {
  const started = Date.now();
  const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const base: ChildProcessResult = {
    stdout: "",
    stderr: "",
    exitCode: null,
    signal: null,
    timedOut: false,
    aborted: false,
    stdoutTruncated: false,
    stderrTruncated: false,
    durationMs: 0,
  };
  if (options.signal?.aborted === true) return Promise.resolve({ ...base, aborted: true });

  return new Promise((resolvePromise) => {
    const ownGroup = process.platform !== "win32";
    const child = spawn(options.command, [...(options.args ?? [])], {
      cwd: options.cwd,
      env: options.env,
      detached: ownGroup,
      stdio: ["pipe", "pipe", "pipe"],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const sizes = { stdout: 0, stderr: 0 };
    let settled = false;
    let timedOut = false;
    let aborted = false;
    let truncated = { stdout: false, stderr: false };
    const timers: NodeJS.Timeout[] = [];

    const collect = (stream: "stdout" | "stderr", target: Buffer[]) => (chunk: Buffer) => {
      const room = limit - sizes[stream];
      if (room <= 0) {
        truncated = { ...truncated, [stream]: true };
        return;
      }
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
      if (kept.length < chunk.length) truncated = { ...truncated, [stream]: true };
      target.push(kept);
      sizes[stream] += kept.length;
    };
    child.stdout.on("data", collect("stdout", stdout));
    child.stderr.on("data", collect("stderr", stderr));

    const signalGroup = (signal: NodeJS.Signals): void => {
      try {
        if (ownGroup && child.pid !== undefined) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // The group is already gone.
      }
    };
    const stop = (): void => {
      signalGroup("SIGTERM");
      timers.push(setTimeout(() => signalGroup("SIGKILL"), KILL_GRACE_MS));
    };
    const onAbort = (): void => {
      aborted = true;
      stop();
    };

    const finish = (exitCode: number | null, signal: string | null, spawnError?: string): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (timedOut || aborted) signalGroup("SIGKILL");
      child.stdout.destroy();
      child.stderr.destroy();
      const result: ChildProcessResult = {
        ...base,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
        exitCode,
        signal,
        timedOut,
        aborted,
        stdoutTruncated: truncated.stdout,
        stderrTruncated: truncated.stderr,
        durationMs: Date.now() - started,
      };
      if (spawnError !== undefined) result.spawnError = spawnError;
      resolvePromise(result);
    };

    child.on("error", (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === "ENOENT"
          ? `command not found: ${options.command}`
          : error.code === "EACCES"
            ? `permission denied: ${options.command} (is it executable?)`
            : `cannot start ${options.command}: ${error.message}`;
      finish(null, null, reason);
    });
    child.on("exit", (code, signal) => {
      timers.push(setTimeout(() => finish(code, signal), CLOSE_GRACE_MS));
    });
    child.on("close", (code, signal) => finish(code, signal));

    timers.push(
      setTimeout(() => {
        timedOut = true;
        stop();
      }, options.timeoutMs),
    );
    options.signal?.addEventListener("abort", onAbort, { once: true });

    child.stdin.on("error", () => {
      // The program exited or does not read its input; that is not an error of the call.
    });
    child.stdin.end(options.stdin ?? "");
  });
}
