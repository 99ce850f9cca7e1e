import { classifyStreamErrorEvent } from "../../classify-error.js";
import { StreamInterruptedError, type ApiError } from "../../errors.js";
import type { ProviderName } from "../../provider-client.js";
import { parseSseBatches } from "../../sse-parser.js";
import type { StreamEvent } from "../../stream-events.js";
import { generateId, invalidWireEvent } from "../client-core.js";
import { mapResponsesStatus, mapResponsesUsage } from "./openai-responses-translate.js";
import { responsesStreamEventSchema, type ResponsesResponse, type ResponsesStreamEvent } from "./openai-responses-wire.js";

/** Events that carry nothing we need (their content also arrives through the events we map). */
const IGNORED_EVENTS = new Set([
  "response.in_progress",
  "response.queued",
  "response.content_part.added",
  "response.content_part.done",
  "response.output_text.done",
  "response.output_text.annotation.added",
  "response.refusal.done",
  "response.reasoning_summary_part.added",
  "response.reasoning_summary_part.done",
  "response.reasoning_summary_text.done",
  "response.reasoning_text.done",
]);

interface BlockState {
  index: number;
  kind: "text" | "tool_use" | "thinking" | "other";
  /** Whether any argument text was emitted (a server may send only the final arguments). */
  emittedArguments: boolean;
}

/**
 * Maps Responses stream events to ours: created → message_start; output_item.added → block start;
 * output_text.delta → text_delta; function_call_arguments.delta → input_json_delta; output_item.done → block
 * stop; completed / incomplete → message_delta (usage, stop reason) and message_stop; failed / error → a
 * typed error.
 */
export class ResponsesStreamState {
  readonly #provider: ProviderName;
  readonly #model: string;
  readonly #requestId: string | undefined;
  #started = false;
  #nextIndex = 0;
  readonly #blocks = new Map<number, BlockState>();
  #sawFunctionCall = false;
  #done = false;

  constructor(provider: ProviderName, model: string, requestId: string | undefined) {
    this.#provider = provider;
    this.#model = model;
    this.#requestId = requestId;
  }

  get done(): boolean {
    return this.#done;
  }

  push(event: ResponsesStreamEvent): StreamEvent[] {
    const events: StreamEvent[] = [];
    this.#ensureStarted(events, event.response ?? undefined);
    const outputIndex = event.output_index ?? 0;
    switch (event.type) {
      case "response.created":
        break;
      case "response.output_item.added":
        this.#startItem(events, outputIndex, event);
        break;
      case "response.output_text.delta":
      case "response.refusal.delta":
        if (event.delta) {
          const block = this.#blockFor(events, outputIndex, "text");
          events.push({ type: "content_block_delta", index: block.index, delta: { type: "text_delta", text: event.delta } });
        }
        break;
      case "response.reasoning_summary_text.delta":
      case "response.reasoning_text.delta":
        if (event.delta) {
          const block = this.#blockFor(events, outputIndex, "thinking");
          events.push({ type: "content_block_delta", index: block.index, delta: { type: "thinking_delta", thinking: event.delta } });
        }
        break;
      case "response.function_call_arguments.delta": {
        const block = this.#blocks.get(outputIndex);
        if (block !== undefined && event.delta) {
          block.emittedArguments = true;
          events.push({ type: "content_block_delta", index: block.index, delta: { type: "input_json_delta", partial_json: event.delta } });
        }
        break;
      }
      case "response.function_call_arguments.done":
        this.#flushArguments(events, outputIndex, event.arguments);
        break;
      case "response.output_item.done": {
        if (event.item?.type === "function_call") this.#flushArguments(events, outputIndex, event.item.arguments);
        const block = this.#blocks.get(outputIndex);
        if (block !== undefined) {
          events.push({ type: "content_block_stop", index: block.index });
          this.#blocks.delete(outputIndex);
        }
        break;
      }
      case "response.completed":
      case "response.incomplete":
        this.#complete(events, event.response ?? undefined, event.type === "response.incomplete" ? "incomplete" : "completed");
        break;
      case "response.failed":
        throw this.#error(event.response?.error?.code ?? "api_error", event.response?.error?.message ?? "the response failed");
      case "error":
        throw this.#error(event.code ?? "api_error", event.message ?? JSON.stringify(event));
      default:
        if (!IGNORED_EVENTS.has(event.type)) events.push({ type: "unknown", raw: event });
    }
    return events;
  }

  #ensureStarted(events: StreamEvent[], response: ResponsesResponse | undefined): void {
    if (this.#started) return;
    this.#started = true;
    events.push({
      type: "message_start",
      message: {
        id: response?.id ?? generateId("msg"),
        type: "message",
        role: "assistant",
        model: response?.model ?? this.#model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    });
  }

  #startItem(events: StreamEvent[], outputIndex: number, event: ResponsesStreamEvent): void {
    const item = event.item;
    if (item === null || item === undefined || this.#blocks.has(outputIndex)) return;
    const index = this.#nextIndex++;
    if (item.type === "message") {
      this.#blocks.set(outputIndex, { index, kind: "text", emittedArguments: false });
      events.push({ type: "content_block_start", index, content_block: { type: "text", text: "" } });
    } else if (item.type === "function_call") {
      this.#sawFunctionCall = true;
      this.#blocks.set(outputIndex, { index, kind: "tool_use", emittedArguments: false });
      events.push({
        type: "content_block_start",
        index,
        content_block: { type: "tool_use", id: item.call_id ?? item.id ?? generateId("call"), name: item.name ?? "", input: {} },
      });
      if (item.arguments) {
        this.#blocks.get(outputIndex)!.emittedArguments = true;
        events.push({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: item.arguments } });
      }
    } else if (item.type === "reasoning") {
      this.#blocks.set(outputIndex, { index, kind: "thinking", emittedArguments: false });
      events.push({ type: "content_block_start", index, content_block: { type: "thinking", thinking: "", signature: "" } });
    } else {
      this.#blocks.set(outputIndex, { index, kind: "other", emittedArguments: false });
      events.push({ type: "content_block_start", index, content_block: { type: "unknown", raw: item } });
    }
  }

  /** A delta for an item whose output_item.added never came: start a block of the right kind. */
  #blockFor(events: StreamEvent[], outputIndex: number, kind: "text" | "thinking"): BlockState {
    const existing = this.#blocks.get(outputIndex);
    if (existing !== undefined) return existing;
    this.#startItem(events, outputIndex, {
      type: "response.output_item.added",
      item: { type: kind === "text" ? "message" : "reasoning" },
    });
    return this.#blocks.get(outputIndex)!;
  }

  #flushArguments(events: StreamEvent[], outputIndex: number, text: string | null | undefined): void {
    const block = this.#blocks.get(outputIndex);
    if (block === undefined || block.kind !== "tool_use" || block.emittedArguments || !text) return;
    block.emittedArguments = true;
    events.push({ type: "content_block_delta", index: block.index, delta: { type: "input_json_delta", partial_json: text } });
  }

  #complete(events: StreamEvent[], response: ResponsesResponse | undefined, status: string): void {
    for (const block of [...this.#blocks.values()].sort((a, b) => a.index - b.index)) {
      events.push({ type: "content_block_stop", index: block.index });
    }
    this.#blocks.clear();
    events.push({
      type: "message_delta",
      delta: { stop_reason: mapResponsesStatus(response?.status ?? status, this.#sawFunctionCall), stop_sequence: null },
      usage: mapResponsesUsage(response?.usage),
    });
    events.push({ type: "message_stop" });
    this.#done = true;
  }

  #error(type: string, message: string): ApiError {
    return classifyStreamErrorEvent({ error: { type, message } }, this.#provider, this.#requestId);
  }
}

/** Parses a Responses SSE stream into our events. */
export async function* translateResponsesStream(
  body: AsyncIterable<Uint8Array>,
  settings: { provider: ProviderName; model: string },
  requestId: string | undefined,
): AsyncGenerator<StreamEvent, void, undefined> {
  const state = new ResponsesStreamState(settings.provider, settings.model, requestId);
  let received = 0;
  for await (const batch of parseSseBatches(body, { provider: settings.provider })) for (const message of batch) {
    const parsed = responsesStreamEventSchema.safeParse(message.data);
    if (!parsed.success) throw invalidWireEvent(settings, message.data, parsed.error);
    received++;
    for (const event of state.push(parsed.data)) yield event;
    if (state.done) return;
  }
  throw new StreamInterruptedError(
    `${settings.provider}: the stream ended after ${received} events without response.completed; the reply is incomplete`,
    { provider: settings.provider, requestId },
  );
}
