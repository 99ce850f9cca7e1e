import type { ExecResult } from "../tool-contract.js";
import { runCommand } from "../host/run-command.js";
import type { HookCommand, HookEvent, HookSource, HooksConfig } from "./hooks-config.js";
import { hookMatcherSelects, TOOL_HOOK_EVENTS } from "./hooks-config.js";

/** The merged result of every hook of one event. */
export interface HookOutcome {
  /** Some hook blocked (exit 2, `decision: "block"` or `continue: false`). */
  blocked: boolean;
  /** The blocking reasons, one per line. */
  reason?: string | undefined;
  /** The strongest PreToolUse decision: deny over ask over allow. */
  permissionDecision?: "allow" | "deny" | "ask" | undefined;
  permissionDecisionReason?: string | undefined;
  /** A replacement tool input (PreToolUse); the last hook in configuration order wins. */
  updatedInput?: unknown;
  /** Text for the model: plain stdout of UserPromptSubmit/SessionStart hooks and `additionalContext`. */
  additionalContext: string[];
  /** `systemMessage` texts, shown to the user. */
  systemMessages: string[];
  /** `continue: false`: stop the turn, with `stopReason`. */
  stopContinuation?: { reason: string } | undefined;
  /** One line per hook that failed, timed out or answered something unusable. They never block. */
  warnings: string[];
  /** Plain stdout of successful hooks of other events, for verbose output. */
  output: string[];
}

/** What the caller knows about the event; merged with the session fields into the JSON on the hook's stdin. */
export type HookPayload = Record<string, unknown>;

export interface HookRunnerOptions {
  /** The `hooks` settings. */
  hooks: HooksConfig;
  /** Hooks from other sources (plugins), run alongside. */
  extra?: readonly HookSource[] | undefined;
  /** The session's workspace; hooks run there. */
  cwd: string;
  sessionId: string;
  /** The session file, passed as `transcript_path`. */
  transcriptPath?: string | undefined;
  /** The environment hooks run with (settings `env` applied by the caller); the project dir is added. */
  env: Readonly<Record<string, string | undefined>>;
  /** Seconds a hook may run when it does not say; 60 by default. */
  defaultTimeoutSeconds?: number | undefined;
}

const DEFAULT_TIMEOUT_SECONDS = 60;
const MAX_HOOK_OUTPUT_BYTES = 1024 * 1024;
const CONTEXT_EVENTS: ReadonlySet<HookEvent> = new Set(["UserPromptSubmit", "SessionStart"]);
const DECISION_RANK = { allow: 1, ask: 2, deny: 3 } as const;

interface PlannedHook {
  source: string;
  command: HookCommand;
}

/** What one hook said, before merging. */
interface HookResult {
  block?: string;
  permissionDecision?: "allow" | "deny" | "ask";
  permissionDecisionReason?: string;
  updatedInput?: unknown;
  hasUpdatedInput: boolean;
  additionalContext: string[];
  systemMessages: string[];
  stop?: string;
  warnings: string[];
  output: string[];
}

function emptyResult(): HookResult {
  return { hasUpdatedInput: false, additionalContext: [], systemMessages: [], warnings: [], output: [] };
}

function label(event: HookEvent, hook: PlannedHook): string {
  const command = (hook.command.command ?? hook.command.type).replace(/\s+/g, " ").trim();
  const short = command.length > 80 ? `${command.slice(0, 79)}…` : command;
  return `${event} hook "${short}"${hook.source === "settings" ? "" : ` (${hook.source})`}`;
}

function firstLine(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Runs Claude Code compatible hooks: for an event, every matching command from the settings and the extra sources
 * runs in parallel with `bash -c` in the session cwd, the event JSON on stdin. Exit 0 succeeds (stdout is JSON to
 * honour or plain text), exit 2 blocks with stderr as the reason, any other exit, a timeout or a failure to start is
 * a warning. Results merge: any block wins, deny beats ask beats allow. An abort kills the running hooks.
 */
export class HookRunner {
  private readonly options: HookRunnerOptions;

  constructor(options: HookRunnerOptions) {
    this.options = options;
  }

  /** The hooks that would run for `event` (and `toolName` for tool events), in configuration order. */
  matching(event: HookEvent, toolName?: string): { source: string; command: HookCommand }[] {
    return this.plan(event, toolName, []);
  }

  async run(event: HookEvent, payload: HookPayload = {}, signal?: AbortSignal): Promise<HookOutcome> {
    const warnings: string[] = [];
    const toolName = typeof payload.tool_name === "string" ? payload.tool_name : undefined;
    const planned = this.plan(event, toolName, warnings);
    const input = JSON.stringify({
      session_id: this.options.sessionId,
      ...(this.options.transcriptPath === undefined ? {} : { transcript_path: this.options.transcriptPath }),
      cwd: this.options.cwd,
      hook_event_name: event,
      ...payload,
    });
    const results = await Promise.all(planned.map((hook) => this.runOne(event, hook, input, signal)));
    return merge(results, warnings);
  }

  private plan(event: HookEvent, toolName: string | undefined, warnings: string[]): PlannedHook[] {
    const sources: HookSource[] = [{ source: "settings", config: this.options.hooks }, ...(this.options.extra ?? [])];
    const usesMatcher = TOOL_HOOK_EVENTS.includes(event);
    const planned: PlannedHook[] = [];
    for (const { source, config } of sources) {
      for (const group of config[event] ?? []) {
        if (usesMatcher) {
          let selected: boolean;
          try {
            selected = hookMatcherSelects(group.matcher, toolName ?? "");
          } catch (error) {
            warnings.push(`${event} matcher "${group.matcher ?? ""}"${source === "settings" ? "" : ` (${source})`} is not a valid regular expression: ${(error as Error).message}`);
            continue;
          }
          if (!selected) continue;
        }
        for (const command of group.hooks) planned.push({ source, command });
      }
    }
    return planned;
  }

  private async runOne(event: HookEvent, hook: PlannedHook, input: string, signal?: AbortSignal): Promise<HookResult> {
    const result = emptyResult();
    const name = label(event, hook);
    if (hook.command.type !== "command" || hook.command.command === undefined) {
      result.warnings.push(`${name}: hook type "${hook.command.type}" is not supported; only "command" hooks run`);
      return result;
    }
    const timeoutSeconds = hook.command.timeout ?? this.options.defaultTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(this.options.env)) if (value !== undefined) env[key] = value;
    env.AXION_PROJECT_DIR = this.options.cwd;
    env.CLAUDE_PROJECT_DIR = this.options.cwd;
    let execution: ExecResult;
    try {
      execution = await runCommand(hook.command.command, {
        cwd: this.options.cwd,
        env,
        stdin: input,
        timeoutMs: Math.round(timeoutSeconds * 1000),
        maxOutputBytes: MAX_HOOK_OUTPUT_BYTES,
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (error) {
      result.warnings.push(`${name} could not start: ${(error as Error).message}`);
      return result;
    }
    if (execution.aborted) {
      result.warnings.push(`${name} was stopped (aborted)`);
      return result;
    }
    if (execution.timedOut) {
      result.warnings.push(`${name} timed out after ${timeoutSeconds}s`);
      return result;
    }
    if (execution.exitCode === 2) {
      result.block = execution.stderr.trim() === "" ? `${name} exited with code 2` : execution.stderr.trim();
      return result;
    }
    if (execution.exitCode !== 0) {
      const how = execution.exitCode === null ? `was killed by ${execution.signal ?? "a signal"}` : `exited with code ${execution.exitCode}`;
      const detail = firstLine(execution.stderr);
      result.warnings.push(`${name} ${how}${detail === "" ? "" : `: ${detail}`}`);
      return result;
    }
    interpretStdout(event, name, execution.stdout, result);
    return result;
  }
}

/** Reads a successful hook's stdout: a JSON object is honoured field by field, anything else is plain text. */
function interpretStdout(event: HookEvent, name: string, stdout: string, result: HookResult): void {
  const text = stdout.trim();
  if (text === "") return;
  let parsed: unknown;
  if (text.startsWith("{")) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!isRecord(parsed)) {
    if (CONTEXT_EVENTS.has(event)) result.additionalContext.push(text);
    else result.output.push(text);
    return;
  }
  const specific = isRecord(parsed.hookSpecificOutput) ? parsed.hookSpecificOutput : {};
  const reason = typeof parsed.reason === "string" && parsed.reason.trim() !== "" ? parsed.reason.trim() : undefined;

  if (typeof parsed.systemMessage === "string" && parsed.systemMessage.trim() !== "") {
    result.systemMessages.push(parsed.systemMessage.trim());
  }
  if (parsed.continue === false) {
    const stopReason = typeof parsed.stopReason === "string" && parsed.stopReason.trim() !== "" ? parsed.stopReason.trim() : `stopped by ${name}`;
    result.stop = stopReason;
    result.block = stopReason;
  }
  if (parsed.decision === "block") result.block ??= reason ?? `blocked by ${name}`;
  else if (parsed.decision === "approve" && event === "PreToolUse") {
    result.permissionDecision = "allow";
    if (reason !== undefined) result.permissionDecisionReason = reason;
  } else if (parsed.decision !== undefined && parsed.decision !== null) {
    result.warnings.push(`${name}: ignored decision ${JSON.stringify(parsed.decision)}; expected "block"`);
  }

  const decision = specific.permissionDecision ?? parsed.permissionDecision;
  if (decision === "allow" || decision === "deny" || decision === "ask") {
    result.permissionDecision = decision;
    const decisionReason = specific.permissionDecisionReason ?? parsed.permissionDecisionReason;
    if (typeof decisionReason === "string" && decisionReason.trim() !== "") result.permissionDecisionReason = decisionReason.trim();
  } else if (decision !== undefined) {
    result.warnings.push(`${name}: ignored permissionDecision ${JSON.stringify(decision)}; expected allow, deny or ask`);
  }

  if ("updatedInput" in specific || "updatedInput" in parsed) {
    const updated = "updatedInput" in specific ? specific.updatedInput : parsed.updatedInput;
    if (isRecord(updated)) {
      result.updatedInput = updated;
      result.hasUpdatedInput = true;
    } else result.warnings.push(`${name}: ignored updatedInput; expected a JSON object`);
  }

  for (const context of [specific.additionalContext, parsed.additionalContext]) {
    if (typeof context === "string" && context.trim() !== "") result.additionalContext.push(context.trim());
  }
}

function merge(results: readonly HookResult[], planWarnings: readonly string[]): HookOutcome {
  const outcome: HookOutcome = {
    blocked: false,
    additionalContext: [],
    systemMessages: [],
    warnings: [...planWarnings],
    output: [],
  };
  const blockReasons: string[] = [];
  for (const result of results) {
    if (result.block !== undefined) blockReasons.push(result.block);
    if (result.permissionDecision !== undefined) {
      const current = outcome.permissionDecision;
      if (current === undefined || DECISION_RANK[result.permissionDecision] > DECISION_RANK[current]) {
        outcome.permissionDecision = result.permissionDecision;
        outcome.permissionDecisionReason = result.permissionDecisionReason;
      } else if (result.permissionDecision === current && outcome.permissionDecisionReason === undefined) {
        outcome.permissionDecisionReason = result.permissionDecisionReason;
      }
    }
    if (result.hasUpdatedInput) outcome.updatedInput = result.updatedInput;
    if (result.stop !== undefined && outcome.stopContinuation === undefined) outcome.stopContinuation = { reason: result.stop };
    outcome.additionalContext.push(...result.additionalContext);
    outcome.systemMessages.push(...result.systemMessages);
    outcome.warnings.push(...result.warnings);
    outcome.output.push(...result.output);
  }
  if (blockReasons.length > 0) {
    outcome.blocked = true;
    outcome.reason = blockReasons.join("\n");
  }
  if (outcome.permissionDecisionReason === undefined) delete outcome.permissionDecisionReason;
  return outcome;
}
