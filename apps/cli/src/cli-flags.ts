/** Options shared by the one-shot mode, `axion prompt` and the REPL. */
export interface CliFlags {
  model?: string | undefined;
  permissionMode?: string | undefined;
  allowedTools?: string[] | undefined;
  disallowedTools?: string[] | undefined;
  outputFormat: OutputFormat;
  resume?: string | undefined;
  continue?: boolean | undefined;
  /** `--fork-session`: resume into a copy of the session (a new id), leaving the original as it is. */
  forkSession?: boolean | undefined;
  /** `--wait`: when another axion writes the session, wait until it is done instead of exiting 1. */
  waitForSession?: boolean | undefined;
  maxTurns?: number | undefined;
  maxCost?: number | undefined;
  systemPromptFile?: string | undefined;
  appendSystemPrompt?: string | undefined;
  verbose?: boolean | undefined;
  /** Approval prompts read their answers from stdin (scripts, test harnesses); stdin is then nothing else. */
  approvalsFromStdin?: boolean | undefined;
  /** `--trust-workspace`: what the folder carries (hooks, MCP servers, plugins, env, grants) loads for this run. */
  trustWorkspace?: boolean | undefined;
}

export type OutputFormat = "text" | "json" | "stream-json";

export class UsageError extends Error {
  readonly code = "usage_error";
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function parsePositiveInteger(flag: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new UsageError(`${flag} expects a positive whole number, got "${value}"`);
  return parsed;
}

export function parseUsd(flag: string, value: string): number {
  const parsed = Number(value.replace(/^\$/, ""));
  if (!Number.isFinite(parsed) || parsed <= 0) throw new UsageError(`${flag} expects an amount in US dollars such as 0.50, got "${value}"`);
  return parsed;
}

export function parseOutputFormat(value: string): OutputFormat {
  if (value === "text" || value === "json" || value === "stream-json") return value;
  throw new UsageError(`--output-format must be text, json or stream-json, got "${value}"`);
}
