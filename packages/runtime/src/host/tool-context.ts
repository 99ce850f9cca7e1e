import type { PermissionMode } from "../permission-mode.js";
import type { ExecOptions, ExecResult, ToolContext, ToolServices, WorkspaceFs } from "../tool-contract.js";
import type { SandboxSpec } from "../sandbox/sandbox-spec.js";
import { runCommand } from "./run-command.js";
import { createWorkspaceFs } from "./workspace-fs.js";

export interface ToolContextOptions {
  /** The workspace root (the session's cwd). */
  cwd: string;
  permissionMode: PermissionMode;
  sessionId?: string;
  toolUseId?: string;
  /** Aborts the tool call; commands started through `exec` are stopped with it. */
  signal?: AbortSignal;
  /** Environment the tools and their commands see; defaults to a copy of the process environment. */
  env?: Readonly<Record<string, string | undefined>>;
  services?: ToolServices;
  /** Replaces the workspace filesystem (tests). */
  fs?: WorkspaceFs;
  /** Replaces command execution (tests). */
  exec?: (command: string, options?: ExecOptions) => Promise<ExecResult>;
  /** Whether the permission rules deny `toolName` the file at `absolutePath`; Grep and Glob leave such files out. */
  isPathDenied?: ((absolutePath: string, toolName: string) => boolean) | undefined;
  /**
   * The sandbox for commands started through `exec`, asked at each call (the permission mode may change between
   * calls); undefined: no sandbox. An `ExecOptions.sandbox` of the call itself wins.
   */
  sandbox?: (() => SandboxSpec | undefined) | undefined;
}

/**
 * Builds the context a tool call runs with, on the real host: a workspace-scoped filesystem and `exec`
 * running `bash -c` in the workspace with the context's environment (plus `options.env`), signal and sandbox.
 */
export function createToolContext(options: ToolContextOptions): ToolContext {
  const env = options.env ?? { ...process.env };
  const signal = options.signal ?? new AbortController().signal;
  const fs = options.fs ?? createWorkspaceFs({ root: options.cwd, mode: () => options.permissionMode });
  const exec =
    options.exec ??
    ((command: string, execOptions: ExecOptions = {}) =>
      runCommand(command, {
        ...execOptions,
        cwd: execOptions.cwd ?? options.cwd,
        env: { ...definedValues(env), ...execOptions.env },
        sandbox: execOptions.sandbox ?? options.sandbox?.(),
        signal: execOptions.signal === undefined ? signal : AbortSignal.any([signal, execOptions.signal]),
      }));
  return {
    cwd: options.cwd,
    sessionId: options.sessionId ?? "",
    toolUseId: options.toolUseId ?? "",
    permissionMode: options.permissionMode,
    signal,
    fs,
    exec,
    env,
    services: options.services ?? {},
    ...(options.isPathDenied === undefined ? {} : { isPathDenied: options.isPathDenied }),
  };
}

function definedValues(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  return result;
}
