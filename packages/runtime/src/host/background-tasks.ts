import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdtempSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { killSandboxedProcess } from "../sandbox/kill-sandboxed-process.js";
import { trackProcessGroup } from "./process-reaper.js";
import { sandboxedInvocation } from "../sandbox/sandboxed-invocation.js";
import type { SandboxSpec } from "../sandbox/sandbox-spec.js";
import { ToolError } from "../tool-error.js";

export interface BackgroundCommandOptions {
  cwd: string;
  /** The complete environment of the command; defaults to the process environment. */
  env?: Record<string, string | undefined>;
  /** Folder for the log file; defaults to a fresh folder under the OS temp dir. */
  logDirectory?: string;
  /** Run the command inside this bubblewrap sandbox; without it, unconfined. */
  sandbox?: SandboxSpec | undefined;
}

export interface BackgroundTask {
  id: string;
  pid: number;
  command: string;
  /** stdout and stderr of the command, interleaved. */
  logPath: string;
  startedAt: number;
  /** `undefined` while running; then the exit code (null when killed by a signal). */
  exitCode: number | null | undefined;
  exitSignal: string | null;
  readonly running: boolean;
  /** Runs inside a bubblewrap sandbox. */
  readonly sandboxed: boolean;
}

/**
 * Starts `command` with `bash -c` (inside `options.sandbox` when given) in its own process group, detached from
 * this process, with stdout and stderr going to a log file. The returned task updates itself when the command exits.
 */
export async function startBackgroundCommand(command: string, options: BackgroundCommandOptions): Promise<BackgroundTask> {
  const id = `bg-${randomBytes(4).toString("hex")}`;
  const logDirectory = options.logDirectory ?? defaultLogDirectory();
  const logPath = join(logDirectory, `${id}.log`);
  const log = await open(logPath, "a");
  try {
    const invocation = sandboxedInvocation(command, options.sandbox, options.env?.["TMPDIR"] || undefined);
    const child = spawn(invocation.file, invocation.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ["ignore", log.fd, log.fd],
    });
    const pid = await new Promise<number>((resolvePid, rejectPid) => {
      child.once("spawn", () => {
        // a background command lives as long as axion, not longer (see process-reaper.ts)
        trackProcessGroup(child.pid);
        resolvePid(child.pid!);
      });
      child.once("error", (error) =>
        rejectPid(new ToolError(`Cannot start the background command in ${options.cwd}: ${error.message}`, "exec_failed")),
      );
    });
    const task: BackgroundTask = {
      id,
      pid,
      command,
      logPath,
      startedAt: Date.now(),
      exitCode: undefined,
      exitSignal: null,
      get running() {
        return this.exitCode === undefined;
      },
      sandboxed: invocation.watch !== undefined,
    };
    child.once("exit", (code, signal) => {
      const lines = invocation.watch?.removeCreated() ?? [];
      if (lines.length > 0) appendFileSync(logPath, `${lines.join("\n")}\n`);
      task.exitCode = code;
      task.exitSignal = signal;
    });
    child.unref();
    return task;
  } finally {
    await log.close();
  }
}

let sharedLogDirectory: string | undefined;

function defaultLogDirectory(): string {
  sharedLogDirectory ??= mkdtempSync(join(tmpdir(), "axion-background-"));
  return sharedLogDirectory;
}

/** The background commands of a session: start them, read their output, stop them. */
export class BackgroundTasks {
  private readonly tasks = new Map<string, BackgroundTask>();

  /**
   * `defaults.sandbox` is asked at each start (the permission mode may have changed) and applies when the start
   * itself names no sandbox.
   */
  constructor(private readonly defaults: { logDirectory?: string; sandbox?: (() => SandboxSpec | undefined) | undefined } = {}) {}

  async start(command: string, options: BackgroundCommandOptions): Promise<BackgroundTask> {
    const logDirectory = options.logDirectory ?? this.defaults.logDirectory;
    const sandbox = options.sandbox ?? this.defaults.sandbox?.();
    const task = await startBackgroundCommand(command, {
      ...options,
      ...(logDirectory === undefined ? {} : { logDirectory }),
      ...(sandbox === undefined ? {} : { sandbox }),
    });
    this.tasks.set(task.id, task);
    return task;
  }

  list(): BackgroundTask[] {
    return [...this.tasks.values()];
  }

  get(id: string): BackgroundTask | undefined {
    return this.tasks.get(id);
  }

  /** The output so far; with `maxBytes`, only its last `maxBytes` bytes. */
  async read(id: string, options: { maxBytes?: number } = {}): Promise<string> {
    const task = this.require(id);
    const bytes = await readFile(task.logPath);
    const max = options.maxBytes;
    return (max !== undefined && bytes.length > max ? bytes.subarray(bytes.length - max) : bytes).toString("utf8");
  }

  /** Sends `signal` to the task's process group; false when it had already exited. */
  kill(id: string, signal: NodeJS.Signals = "SIGTERM"): boolean {
    const task = this.require(id);
    if (!task.running) return false;
    if (task.sandboxed) {
      // the sandbox is disposable: everything in it is killed at once, whatever the signal asked for
      killSandboxedProcess(task.pid);
      return true;
    }
    try {
      process.kill(-task.pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  /** Stops every running task (call on exit). */
  killAll(signal: NodeJS.Signals = "SIGTERM"): void {
    for (const task of this.tasks.values()) {
      if (task.running) this.kill(task.id, signal);
    }
  }

  private require(id: string): BackgroundTask {
    const task = this.tasks.get(id);
    if (task === undefined) throw new ToolError(`No background task with id ${id}`, "unknown_background_task");
    return task;
  }
}
