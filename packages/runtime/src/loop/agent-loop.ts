import {
  AbortedError,
  ContextWindowExceededError,
  emptyUsage,
  MessageAccumulator,
  type ContentBlock,
  type Message,
  type MessageResponse,
  type ProviderClient,
  type ToolDefinition,
  type ToolResultBlock,
  type Usage,
} from "@axion/api";
import { estimateTokens } from "../compaction/estimate-tokens.js";
import type { ToolRegistry } from "../tool-contract.js";
import type { AgentEvent, AgentStopReason } from "./agent-events.js";
import { textOf, type DispatchResult, type HookRunnerLike, type ToolCall, type ToolDispatcher } from "./tool-dispatcher.js";

/** Where the loop records the conversation as it happens (the session file). */
export interface TranscriptWriter {
  appendMessage(message: Message, extra?: { usage?: Usage; model?: string }): void;
  appendCompaction(record: { summary: string; removedMessages: number; keptMessages: number }): void;
  appendUsage?(record: { usage: Usage; model: string; costUsd: number }): void;
}

export interface CompactionOutcome {
  messages: Message[];
  removedMessages: number;
  summary: string;
}

export interface AutoCompactOptions {
  /** Input tokens of one request at or past which the conversation is compacted (after that request). */
  threshold: number;
  /**
   * The model's context window in tokens. With it, a request the estimate says would not fit (room kept for
   * `maxTokens` of reply) is compacted before it is sent. Either way a provider's context-window error leads to
   * one compaction and one more try of that model call.
   */
  contextWindow?: number | undefined;
  compact(messages: Message[], signal: AbortSignal): Promise<CompactionOutcome | undefined>;
}

export interface AgentTurnOptions {
  client: ProviderClient;
  systemPrompt: string;
  tools: ToolRegistry;
  dispatcher: ToolDispatcher;
  /** The conversation so far; the loop appends to it (and replaces it on compaction). */
  messages: Message[];
  transcript?: TranscriptWriter | undefined;
  maxTokens: number;
  /** Model calls per turn (sub-agents' calls included when they share the budget); default 50. */
  maxTurns?: number | undefined;
  /** Stop before a model call once this turn (with its sub-agents, through `budget`) has spent this much. */
  maxCostUsd?: number | undefined;
  /**
   * Model calls and spend counted against `maxTurns` and `maxCostUsd`. A sub-agent gets its parent turn's budget, so
   * one limit bounds the whole tree; without one the turn counts on its own.
   */
  budget?: TurnBudget | undefined;
  priceUsage?: ((usage: Usage, model: string) => number) | undefined;
  autoCompact?: AutoCompactOptions | undefined;
  hooks?: HookRunnerLike | undefined;
  onEvent?: ((event: AgentEvent) => void) | undefined;
  signal?: AbortSignal | undefined;
  temperature?: number | undefined;
}

export interface TurnToolUse {
  id: string;
  name: string;
  /** Input JSON exactly as the model streamed it. */
  input: string;
}

export interface TurnToolResult {
  tool_use_id: string;
  tool_name: string;
  output: string;
  is_error: boolean;
}

export interface PromptCacheEvent {
  iteration: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface TurnResult {
  /** The final assistant text. */
  message: string;
  iterations: number;
  stopReason: AgentStopReason;
  /** A person-readable line for stops other than end_turn. */
  stopMessage: string;
  toolUses: TurnToolUse[];
  toolResults: TurnToolResult[];
  usage: Usage;
  costUsd: number;
  promptCacheEvents: PromptCacheEvent[];
  autoCompaction: { removed_messages: number; notice: string } | null;
}

/** Model calls, tokens and spend of one turn and every sub-agent it starts. */
export class TurnBudget {
  modelCalls = 0;
  costUsd = 0;
  readonly usage: Usage = emptyUsage();

  charge(usage: Usage, costUsd: number): void {
    addUsage(this.usage, usage);
    this.costUsd += costUsd;
  }
}

/** Identical consecutive tool calls allowed before the loop guard stops the turn. */
export const LOOP_GUARD_LIMIT = 5;

/**
 * Runs one user turn: streams a reply, runs the tools it asks for, sends the results back, and repeats
 * until the model stops (or a limit does). Every message is written to the transcript as it happens;
 * an abort ends the turn with the session consistent (no tool call left without a result).
 */
export async function runAgentTurn(options: AgentTurnOptions, prompt: string | ContentBlock[]): Promise<TurnResult> {
  const signal = options.signal ?? new AbortController().signal;
  const emit = options.onEvent ?? (() => {});
  const maxTurns = options.maxTurns ?? 50;
  const model = options.client.model;
  const result: TurnResult = {
    message: "",
    iterations: 0,
    stopReason: "end_turn",
    stopMessage: "",
    toolUses: [],
    toolResults: [],
    usage: emptyUsage(),
    costUsd: 0,
    promptCacheEvents: [],
    autoCompaction: null,
  };
  const price = options.priceUsage ?? (() => 0);
  const budget = options.budget ?? new TurnBudget();

  const stop = (reason: AgentStopReason, message: string): TurnResult => {
    result.stopReason = reason;
    result.stopMessage = message;
    emit({ type: "stop", reason, message });
    return result;
  };

  const append = (message: Message, extra?: { usage?: Usage; model?: string }): void => {
    options.messages.push(message);
    options.transcript?.appendMessage(message, extra);
  };

  let content: ContentBlock[] = typeof prompt === "string" ? [{ type: "text", text: prompt }] : [...prompt];
  if (options.hooks) {
    const submitted = await options.hooks.run("UserPromptSubmit", { prompt: textOfBlocks(content) }, signal);
    if (submitted.blocked) return stop("hook_stopped", `Prompt blocked by UserPromptSubmit hook: ${submitted.reason ?? "no reason given"}`);
    if (submitted.additionalContext.length > 0) content = [...content, { type: "text", text: submitted.additionalContext.join("\n\n") }];
  }
  append({ role: "user", content });

  let lastSignature = "";
  let repeats = 0;

  for (;;) {
    if (signal.aborted) return stop("aborted", "Interrupted.");
    if (budget.modelCalls >= maxTurns) {
      return stop("max_turns", `Stopped after ${maxTurns} model calls (--max-turns ${maxTurns}).`);
    }
    if (options.maxCostUsd !== undefined && budget.costUsd >= options.maxCostUsd) {
      return stop("max_cost", `Stopped: the cost limit of $${options.maxCostUsd.toFixed(4)} is reached ($${budget.costUsd.toFixed(4)} spent).`);
    }
    budget.modelCalls += 1;
    result.iterations += 1;
    emit({ type: "iteration_start", iteration: result.iterations });

    // read every iteration: tools of MCP servers that became ready meanwhile join the conversation
    const tools: ToolDefinition[] = options.tools.list().map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: tool.inputSchema as ToolDefinition["input_schema"],
    }));
    // a request the estimate says would not fit the context window is compacted first, not sent to fail
    const fitted = await compactToFit(options, tools, signal, result, emit);
    if (fitted === "aborted") return stop("aborted", "Interrupted.");

    let accumulator = new MessageAccumulator({ provider: options.client.provider });
    let response: MessageResponse | undefined;
    let overflowRetried = false;
    while (response === undefined) {
      accumulator = new MessageAccumulator({ provider: options.client.provider });
      let received = false;
      try {
        const events = options.client.stream(
          {
            system: options.systemPrompt,
            messages: options.messages,
            max_tokens: options.maxTokens,
            ...(tools.length > 0 ? { tools, tool_choice: { type: "auto" as const } } : {}),
            ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          },
          { signal },
        );
        for await (const event of events) {
          accumulator.push(event);
          if (event.type === "content_block_start" || event.type === "content_block_delta") received = true;
          if (event.type === "content_block_delta") {
            if (event.delta.type === "text_delta") emit({ type: "text_delta", text: event.delta.text });
            else if (event.delta.type === "thinking_delta") emit({ type: "thinking_delta", text: event.delta.thinking });
          }
        }
        response = accumulator.finish();
      } catch (error) {
        if (signal.aborted || AbortedError.isInstance(error)) {
          savePartialReply(accumulator, append);
          return stop("aborted", "Interrupted.");
        }
        // the prompt does not fit: compact once and send once more; a second refusal ends the turn with it
        if (ContextWindowExceededError.isInstance(error) && !overflowRetried && !received && options.autoCompact) {
          overflowRetried = true;
          const compacted = await compactNow(options, signal, result, emit, (removed) =>
            `Conversation compacted: the provider said the prompt does not fit the context window; ${plural(removed, "earlier message")} summarised, sending once more.`,
          );
          if (compacted === "aborted") return stop("aborted", "Interrupted.");
          if (compacted === "compacted") continue;
        }
        throw error;
      }
    }

    const usage = response.usage;
    addUsage(result.usage, usage);
    // priced (and recorded) with its provider, so a local model of any name costs nothing, also after a resume
    const pricedModel = `${options.client.provider}/${model}`;
    const cost = price(usage, pricedModel);
    result.costUsd += cost;
    budget.charge(usage, cost);
    if (usage.cache_creation_input_tokens > 0 || usage.cache_read_input_tokens > 0) {
      result.promptCacheEvents.push({
        iteration: result.iterations,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
      });
    }
    emit({ type: "usage", usage: { ...result.usage }, turnUsage: usage, costUsd: result.costUsd, model });

    const assistantContent = response.content.filter((block) => block.type !== "thinking" || block.signature !== "");
    append({ role: "assistant", content: assistantContent }, { usage, model });
    options.transcript?.appendUsage?.({ usage, model: pricedModel, costUsd: cost });
    result.message = textOfBlocks(response.content.filter((block) => block.type === "text"));

    const calls: ToolCall[] = [];
    for (const block of response.content) {
      if (block.type !== "tool_use") continue;
      const inputJson = accumulator.toolInputJson(block.id) ?? JSON.stringify(block.input);
      calls.push({ id: block.id, name: block.name, input: block.input, inputJson, inputError: accumulator.toolInputError(block.id) });
      result.toolUses.push({ id: block.id, name: block.name, input: inputJson });
      emit({ type: "tool_use", id: block.id, name: block.name, input: block.input, inputJson });
    }

    if (calls.length === 0) {
      const compacted = await maybeCompact(options, usage, signal, result, emit);
      if (compacted === "aborted") return stop("aborted", "Interrupted.");
      if (options.hooks) {
        const stopped = await options.hooks.run("Stop", { stop_hook_active: false }, signal);
        if (stopped.blocked && stopped.reason) {
          append({ role: "user", content: [{ type: "text", text: stopped.reason }] });
          continue;
        }
      }
      if (response.stop_reason === "max_tokens") {
        return stop("max_tokens", `The reply hit the output limit of ${options.maxTokens} tokens.`);
      }
      return stop("end_turn", "");
    }

    const results: DispatchResult[] = [];
    let guardTripped: string | undefined;
    let aborted = false;
    let fatal: unknown;
    const runnable: ToolCall[] = [];
    for (const call of calls) {
      const signature = `${call.name}\u0000${stableJson(call.input)}`;
      repeats = signature === lastSignature ? repeats + 1 : 1;
      lastSignature = signature;
      if (repeats >= LOOP_GUARD_LIMIT) {
        guardTripped = `Loop guard: ${call.name} was called ${LOOP_GUARD_LIMIT} times in a row with the same input; the turn was stopped.`;
        break;
      }
      runnable.push(call);
    }

    try {
      await runCalls(runnable, options, signal, (dispatched) => {
        results.push(dispatched);
        for (const notice of dispatched.notices ?? []) emit({ type: "notice", message: notice });
        emit({ type: "tool_result", id: dispatched.call.id, name: dispatched.call.name, output: dispatched.text, isError: dispatched.isError, display: dispatched.display });
      });
    } catch (error) {
      if (signal.aborted || AbortedError.isInstance(error)) aborted = true;
      else fatal = error;
    }

    // every tool_use gets a result, in call order, so the session stays valid whatever happened
    const byId = new Map(results.map((entry) => [entry.call.id, entry]));
    const blocks: ToolResultBlock[] = calls.map((call) => {
      const done = byId.get(call.id);
      if (done) return done.block;
      const reason = aborted
        ? "Interrupted by the user before this tool ran."
        : guardTripped ?? `Not run: an earlier tool failed (${errorMessage(fatal)}).`;
      return { type: "tool_result", tool_use_id: call.id, content: reason, is_error: true };
    });
    for (const call of calls) {
      const done = byId.get(call.id);
      const block = blocks.find((entry) => entry.tool_use_id === call.id)!;
      result.toolResults.push({ tool_use_id: call.id, tool_name: call.name, output: done ? done.text : textOf(block.content), is_error: done ? done.isError : true });
    }
    append({ role: "user", content: blocks });

    if (aborted) return stop("aborted", "Interrupted.");
    if (fatal !== undefined) throw fatal;
    if (guardTripped) return stop("loop_guard", guardTripped);
    const stoppedBy = results.find((entry) => entry.stopTurn !== undefined);
    if (stoppedBy) return stop("hook_stopped", `Stopped by a hook after ${stoppedBy.call.name}: ${stoppedBy.stopTurn}`);

    const compacted = await maybeCompact(options, usage, signal, result, emit);
    if (compacted === "aborted") return stop("aborted", "Interrupted.");
  }
}

async function runCalls(
  calls: ToolCall[],
  options: AgentTurnOptions,
  signal: AbortSignal,
  onResult: (result: DispatchResult) => void,
): Promise<void> {
  let index = 0;
  while (index < calls.length) {
    if (signal.aborted) throw signal.reason ?? new Error("aborted");
    const call = calls[index]!;
    if (options.tools.get(call.name)?.parallel) {
      const group: ToolCall[] = [];
      while (index < calls.length && options.tools.get(calls[index]!.name)?.parallel) group.push(calls[index++]!);
      const settled = await Promise.allSettled(group.map((member) => options.dispatcher.dispatch(member, signal)));
      for (const outcome of settled) {
        if (outcome.status === "rejected") throw outcome.reason;
        onResult(outcome.value);
      }
    } else {
      onResult(await options.dispatcher.dispatch(call, signal));
      index += 1;
    }
  }
}

async function maybeCompact(
  options: AgentTurnOptions,
  usage: Usage,
  signal: AbortSignal,
  result: TurnResult,
  emit: (event: AgentEvent) => void,
): Promise<"aborted" | "done"> {
  const auto = options.autoCompact;
  if (!auto) return "done";
  const inputTokens = usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens;
  if (inputTokens < auto.threshold) return "done";
  const outcome = await compactNow(options, signal, result, emit, (removed) =>
    `Conversation compacted: ${plural(removed, "earlier message")} summarised (input reached ${inputTokens} tokens, threshold ${auto.threshold}).`,
  );
  return outcome === "aborted" ? "aborted" : "done";
}

/**
 * Tokens one request may hold: the context window less the room kept for the reply (at most half the window, so
 * a reply limit as large as the window still leaves a usable prompt).
 */
function requestTokenLimit(contextWindow: number, maxTokens: number): number {
  return contextWindow - Math.min(maxTokens, Math.floor(contextWindow / 2));
}

/** The estimated size of the next request: the conversation, the system prompt and the tool definitions. */
function estimateRequest(options: AgentTurnOptions, tools: readonly ToolDefinition[]): number {
  const fixedCharacters = options.systemPrompt.length + (tools.length > 0 ? JSON.stringify(tools).length : 0);
  return estimateTokens(options.messages) + Math.ceil(fixedCharacters / 4);
}

async function compactToFit(
  options: AgentTurnOptions,
  tools: readonly ToolDefinition[],
  signal: AbortSignal,
  result: TurnResult,
  emit: (event: AgentEvent) => void,
): Promise<"aborted" | "done"> {
  const window = options.autoCompact?.contextWindow;
  if (window === undefined || window <= 0) return "done";
  const limit = requestTokenLimit(window, options.maxTokens);
  const estimate = estimateRequest(options, tools);
  if (estimate <= limit) return "done";
  const outcome = await compactNow(options, signal, result, emit, (removed) =>
    `Conversation compacted before sending: ${plural(removed, "earlier message")} summarised (the request was estimated at ${estimate} tokens; ${limit} fit in the context window of ${window} with ${options.maxTokens} kept for the reply).`,
  );
  return outcome === "aborted" ? "aborted" : "done";
}

/** Compacts the conversation through `autoCompact`, records it and says so; a failure is a warning, not the turn's end. */
async function compactNow(
  options: AgentTurnOptions,
  signal: AbortSignal,
  result: TurnResult,
  emit: (event: AgentEvent) => void,
  describe: (removedMessages: number) => string,
): Promise<"aborted" | "compacted" | "unchanged"> {
  const auto = options.autoCompact;
  if (!auto) return "unchanged";
  let outcome: CompactionOutcome | undefined;
  try {
    outcome = await auto.compact(options.messages, signal);
  } catch (error) {
    if (signal.aborted) return "aborted";
    emit({ type: "warning", message: `Auto-compaction failed: ${errorMessage(error)}` });
    return "unchanged";
  }
  if (signal.aborted) return "aborted";
  if (!outcome || outcome.removedMessages === 0) return "unchanged";
  options.messages.splice(0, options.messages.length, ...outcome.messages);
  options.transcript?.appendCompaction({
    summary: outcome.summary,
    removedMessages: outcome.removedMessages,
    keptMessages: outcome.messages.length,
  });
  const notice = describe(outcome.removedMessages);
  const previous = result.autoCompaction?.removed_messages ?? 0;
  result.autoCompaction = { removed_messages: previous + outcome.removedMessages, notice };
  emit({ type: "compaction", removedMessages: outcome.removedMessages, notice });
  return "compacted";
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function savePartialReply(accumulator: MessageAccumulator, append: (message: Message) => void): void {
  let partial: MessageResponse | undefined;
  try {
    partial = accumulator.snapshot();
  } catch {
    return;
  }
  const text = textOfBlocks(partial.content.filter((block) => block.type === "text"));
  if (text.trim() !== "") append({ role: "assistant", content: [{ type: "text", text: `${text}\n\n[interrupted]` }] });
}

function addUsage(total: Usage, usage: Usage): void {
  total.input_tokens += usage.input_tokens;
  total.output_tokens += usage.output_tokens;
  total.cache_creation_input_tokens += usage.cache_creation_input_tokens;
  total.cache_read_input_tokens += usage.cache_read_input_tokens;
}

function textOfBlocks(blocks: readonly ContentBlock[]): string {
  return blocks.map((block) => (block.type === "text" ? block.text : "")).join("");
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([left], [right]) => left.localeCompare(right));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
