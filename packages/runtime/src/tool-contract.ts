import type { PermissionMode } from "./permission-mode.js";
import type { SandboxSpec } from "./sandbox/sandbox-spec.js";

/** The permission a tool needs to run without asking. */
export type RequiredPermission = "read-only" | "workspace-write" | "danger-full-access";

/** What the model is told about a tool. `inputSchema` is JSON Schema with `additionalProperties: false`. */
export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** A text or image part of a tool result, as sent back to the model. */
export type ToolResultPart =
  | { type: "text"; text: string }
  | { type: "image"; source: { type: "base64"; media_type: string; data: string } };

/** What a tool returns: plain text or parts (images become real image blocks). */
export interface ToolOutput {
  content: string | ToolResultPart[];
  /** True when the result reports a failure the model should read and correct. */
  isError?: boolean;
  /** Structured details for the UI (e.g. a diff for Edit); never sent to the model. */
  display?: Record<string, unknown>;
}

export type ToolValidation = { ok: true; value: unknown } | { ok: false; error: string };

/** Runs a command for a tool; implemented by the host (real processes) or a fake in tests. */
export interface ExecOptions {
  cwd?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  env?: Record<string, string>;
  stdin?: string;
  /** Bytes kept per stream; past it the output is cut with a notice saying how many bytes were cut. */
  maxOutputBytes?: number;
  /**
   * Which part of a stream longer than `maxOutputBytes` is kept: its first and last halves with the notice
   * between them (`"head-and-tail"`, the default: a command's error is usually at its end), or only its
   * beginning with the notice after it (`"head"`, for output that is parsed record by record).
   */
  keep?: "head" | "head-and-tail" | undefined;
  /** Run the command inside this bubblewrap sandbox (`sandboxFor` computes it); without it, unconfined. */
  sandbox?: SandboxSpec | undefined;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
}

/** Filesystem access scoped to the workspace. Every path is resolved (`..`, symlinks) before use. */
export interface WorkspaceFs {
  /** Absolute, real path for `path` (relative to the workspace root); throws `ToolError` when out of scope. */
  resolve(path: string, access: "read" | "write"): Promise<string>;
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, data: string | Buffer): Promise<{ created: boolean; absolutePath: string }>;
  stat(path: string): Promise<{ isFile: boolean; isDirectory: boolean; size: number; mtimeMs: number } | undefined>;
}

/** Everything a tool may touch. Tools never reach the host any other way. */
export interface ToolContext {
  /** The workspace root (the session's cwd). */
  cwd: string;
  sessionId: string;
  toolUseId: string;
  permissionMode: PermissionMode;
  signal: AbortSignal;
  fs: WorkspaceFs;
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  /** Environment the tools see (a copy; the CLI passes the process env). */
  env: Readonly<Record<string, string | undefined>>;
  /** Free-form services a host wires in (sub-agent runner, skills, todo store, web search backend, …). */
  services: ToolServices;
  /**
   * True when the permission rules deny `toolName` the file at `absolutePath` (e.g. `Read(./secrets/**)`).
   * Tools that list or search many files (Grep, Glob) leave such files out of their results; absent: nothing
   * is denied.
   */
  isPathDenied?(absolutePath: string, toolName: string): boolean;
}

/** Host services some tools need; each is optional so a host can leave out what it does not offer. */
export interface ToolServices {
  [name: string]: unknown;
}

/** A tool the runtime can advertise and run. Built by `defineTool` in @axion/tools, or by bridges. */
export interface RuntimeTool extends ToolSpec {
  requiredPermission: RequiredPermission;
  /** Validates raw model input; the error names the wrong field. */
  validate(input: unknown): ToolValidation;
  execute(input: unknown, context: ToolContext): Promise<ToolOutput>;
  /** What permission rules match against, e.g. the Bash command or the file path. */
  permissionSubject?(input: unknown): string | undefined;
  /** Files the call reads or writes, checked against the workspace before anything runs. */
  touchedPaths?(input: unknown): { path: string; access: "read" | "write" }[];
  /** Calls of this tool in one assistant message may run in parallel (the Agent tool). */
  parallel?: boolean;
}

/** The set of tools of a session. */
export interface ToolRegistry {
  list(): readonly RuntimeTool[];
  get(name: string): RuntimeTool | undefined;
}
