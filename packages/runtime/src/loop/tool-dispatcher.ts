import type { ToolResultBlock } from "@axion/api";
import type { PermissionMode } from "../permission-mode.js";
import type { RequiredPermission, RuntimeTool, ToolContext, ToolOutput, ToolRegistry } from "../tool-contract.js";
import { ToolError } from "../tool-error.js";
import type { HookOutcome } from "../hooks/hook-runner.js";
import type { HookEvent } from "../hooks/hooks-config.js";
import { absolutePath, resolveWorkspacePath } from "../workspace-path.js";
import { hostErrorMessage } from "./host-error-message.js";
import { truncateToolOutput } from "./truncate-output.js";

/** One tool call as the model streamed it. */
export interface ToolCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** The input JSON text exactly as streamed. */
  inputJson: string;
  /** Set when the streamed JSON could not be parsed. */
  inputError?: string | undefined;
}

/** What the permission step asks; `subject` is what rules match (the command, the path). */
export interface ToolPermissionRequest {
  toolName: string;
  requiredPermission: RequiredPermission;
  input: unknown;
  subject?: string | undefined;
  paths?: string[] | undefined;
}

/** Decides whether a call may run, asking the user when needed. */
export interface PermissionGate {
  /** `forceAsk`: a hook asked for approval; `preApproved`: a hook allowed the call (deny rules still deny). */
  check(
    request: ToolPermissionRequest,
    options: { forceAsk: boolean; preApproved?: boolean | undefined; signal: AbortSignal },
  ): Promise<{ allowed: boolean; reason: string }>;
}

export interface HookRunnerLike {
  run(event: HookEvent, payload: Record<string, unknown>, signal?: AbortSignal): Promise<HookOutcome>;
}

/** Tools plan mode lets through (everything else is blocked until the plan is approved). */
export const PLAN_MODE_TOOLS: ReadonlySet<string> = new Set(["Read", "Glob", "Grep", "WebSearch", "WebFetch", "ToolSearch", "Agent", "Skill"]);

export interface ToolDispatcherOptions {
  tools: ToolRegistry;
  permissions: PermissionGate;
  hooks?: HookRunnerLike | undefined;
  /** Builds the context one call runs with. */
  createContext(call: ToolCall, signal: AbortSignal): ToolContext;
  cwd: string;
  permissionMode(): PermissionMode;
  planMode?: (() => boolean) | undefined;
  outputLimit?: number | undefined;
  /** Applied to every text the model, the transcript and the UI get back (known secret values → `[REDACTED]`). */
  redact?: ((text: string) => string) | undefined;
}

export interface DispatchResult {
  call: ToolCall;
  block: ToolResultBlock;
  /** The result as plain text (images shown as `[image <type>]`). */
  text: string;
  isError: boolean;
  display?: Record<string, unknown> | undefined;
  /** `systemMessage`s of the hooks that ran, for the user. */
  notices?: string[] | undefined;
  /** Set when a hook answered `continue: false`: the turn ends after this message's results. */
  stopTurn?: string | undefined;
}

/**
 * Runs one tool call through every gate, once and in one place: lookup, schema validation, PreToolUse
 * hooks, plan mode, permissions, workspace scope, execution, PostToolUse hooks and output truncation.
 * A `ToolError` or a refusal becomes an `is_error` result the model can read, and so does a host error
 * caused by the input (an errno error such as ENAMETOOLONG or E2BIG, Node's ERR_INVALID_ARG_* for a NUL
 * byte, a RangeError from input nested too deeply): hostile input never ends the run. Any other exception
 * is fatal for the turn and propagates.
 */
export class ToolDispatcher {
  readonly #options: ToolDispatcherOptions;

  constructor(options: ToolDispatcherOptions) {
    this.#options = options;
  }

  async dispatch(call: ToolCall, signal: AbortSignal): Promise<DispatchResult> {
    const tool = this.#options.tools.get(call.name);
    if (!tool) {
      const names = this.#options.tools.list().map((candidate) => candidate.name).join(", ");
      return this.#error(call, `Unknown tool: ${call.name}. Available tools: ${names}`);
    }
    if (call.inputError) return this.#error(call, `Invalid input for ${call.name}: ${call.inputError}`);

    let validated = validateSafely(tool, call.input);
    if (!validated.ok) return this.#error(call, validated.error);

    const hooks = this.#options.hooks;
    let permissionOverride: HookOutcome["permissionDecision"];
    const extraContext: string[] = [];
    const notices: string[] = [];
    if (hooks) {
      const pre = await hooks.run("PreToolUse", { tool_name: call.name, tool_input: validated.value }, signal);
      notices.push(...pre.systemMessages);
      if (pre.stopContinuation) {
        return { ...this.#error(call, `Stopped by PreToolUse hook: ${pre.stopContinuation.reason}`), notices, stopTurn: pre.stopContinuation.reason };
      }
      if (pre.blocked || pre.permissionDecision === "deny") {
        const reason = pre.permissionDecisionReason ?? pre.reason ?? "no reason given";
        return { ...this.#error(call, `Blocked by PreToolUse hook: ${reason}`), notices };
      }
      if (pre.updatedInput !== undefined) {
        validated = validateSafely(tool, pre.updatedInput);
        if (!validated.ok) return this.#error(call, `PreToolUse hook produced invalid input: ${validated.error}`);
      }
      permissionOverride = pre.permissionDecision;
      extraContext.push(...pre.additionalContext);
    }
    const input = validated.value;

    if (this.#options.planMode?.() && !PLAN_MODE_TOOLS.has(tool.name)) {
      return this.#error(
        call,
        `Tool '${tool.name}' is blocked in plan mode. Present the plan first; the user exits plan mode with /plan execute or /plan exit.`,
      );
    }

    try {
      const touched = tool.touchedPaths?.(input) ?? [];
      const decision = await this.#options.permissions.check(
        {
          toolName: tool.name,
          requiredPermission: tool.requiredPermission,
          input,
          subject: tool.permissionSubject?.(input),
          paths: touched.map((entry) => absolutePath(this.#options.cwd, entry.path)),
        },
        { forceAsk: permissionOverride === "ask", preApproved: permissionOverride === "allow", signal },
      );
      if (!decision.allowed) return this.#error(call, decision.reason);
      for (const entry of touched) {
        await resolveWorkspacePath(this.#options.cwd, entry.path, this.#options.permissionMode(), entry.access);
      }
    } catch (error) {
      return this.#error(call, readableFailure(tool.name, error));
    }

    let output: ToolOutput;
    try {
      output = await tool.execute(input, this.#options.createContext(call, signal));
    } catch (error) {
      const message = readableFailure(tool.name, error);
      const failure = await this.#postFailure(tool, input, message, signal);
      return this.#error(call, [message, ...failure].join("\n\n"));
    }

    if (output.isError) {
      const failure = await this.#postFailure(tool, input, textOf(output.content), signal);
      return this.#result(call, output, [...extraContext, ...failure], true);
    }
    let stopTurn: string | undefined;
    if (hooks) {
      const post = await hooks.run("PostToolUse", { tool_name: tool.name, tool_input: input, tool_response: textOf(output.content) }, signal);
      extraContext.push(...post.additionalContext);
      notices.push(...post.systemMessages);
      stopTurn = post.stopContinuation?.reason;
      if (post.blocked && post.reason) extraContext.push(`PostToolUse hook: ${post.reason}`);
    }
    return { ...this.#result(call, output, extraContext, false), notices, stopTurn };
  }

  async #postFailure(tool: RuntimeTool, input: unknown, message: string, signal: AbortSignal): Promise<string[]> {
    if (!this.#options.hooks) return [];
    const outcome = await this.#options.hooks.run("PostToolUseFailure", { tool_name: tool.name, tool_input: input, error: message }, signal);
    return [...outcome.additionalContext, ...(outcome.reason ? [`PostToolUseFailure hook: ${outcome.reason}`] : [])];
  }

  #result(call: ToolCall, output: ToolOutput, extra: string[], isError: boolean): DispatchResult {
    const limit = this.#options.outputLimit;
    const redact = this.#options.redact ?? ((text: string) => text);
    const suffix = redact(extra.filter((line) => line.trim() !== "").join("\n\n"));
    let content: ToolResultBlock["content"];
    if (typeof output.content === "string") {
      const text = suffix ? `${redact(output.content)}\n\n${suffix}` : redact(output.content);
      content = truncateToolOutput(text, limit);
    } else {
      content = output.content.map((part) => (part.type === "text" ? { type: "text" as const, text: truncateToolOutput(redact(part.text), limit) } : part));
      if (suffix) content.push({ type: "text", text: suffix });
    }
    const block: ToolResultBlock = { type: "tool_result", tool_use_id: call.id, content, ...(isError ? { is_error: true } : {}) };
    return { call, block, text: textOf(content), isError, display: output.display };
  }

  #error(call: ToolCall, message: string): DispatchResult {
    return this.#result(call, { content: message, isError: true }, [], true);
  }
}

/** Validation that survives input too deep to walk (the RangeError becomes a validation error). */
function validateSafely(tool: RuntimeTool, input: unknown): ReturnType<RuntimeTool["validate"]> {
  try {
    return tool.validate(input);
  } catch (error) {
    const message = hostErrorMessage(error);
    if (message === undefined) throw error;
    return { ok: false, error: `Invalid input for ${tool.name}: ${message}` };
  }
}

/**
 * The message of a failure the model should read: a `ToolError`'s own text, or `<tool> failed: <problem>`
 * for a host error caused by the input. Anything else is rethrown.
 */
function readableFailure(toolName: string, error: unknown): string {
  if (ToolError.isInstance(error)) return error.message;
  const message = hostErrorMessage(error);
  if (message === undefined) throw error;
  return `${toolName} failed: ${message}`;
}

/** Plain text of tool result content; images are shown as a short marker. */
export function textOf(content: ToolResultBlock["content"] | ToolOutput["content"]): string {
  if (typeof content === "string") return content;
  return content
    .map((part) => {
      if (part.type === "text") return part.text;
      if (part.type === "image") return `[image ${part.source.media_type}]`;
      if (part.type === "json") return JSON.stringify(part.value);
      return "";
    })
    .join("\n");
}
