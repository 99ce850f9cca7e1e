import { classifyStreamErrorEvent } from "../../classify-error.js";
import { StreamInterruptedError } from "../../errors.js";
import type { StopReason } from "../../message-model.js";
import type { ProviderName } from "../../provider-client.js";
import { parseSseBatches } from "../../sse-parser.js";
import type { StreamEvent } from "../../stream-events.js";
import { generateId, invalidWireEvent } from "../client-core.js";
import { mapOpenAiStopReason, mapOpenAiUsage } from "./openai-chat-translate.js";
import { openaiChatChunkSchema, openaiStreamErrorSchema, type OpenAiChatChunk, type OpenAiUsage } from "./openai-chat-wire.js";

interface ToolCallState {
  id: string | undefined;
  name: string;
  /** Our block index once the block has started. */
  blockIndex: number | undefined;
  /** Arguments that arrived before the name (emitted when the block starts). */
  pendingArguments: string;
}

/**
 * Turns chat-completion chunks into our events: message_start on the first chunk; text and reasoning each as
 * a block; tool calls assembled by their `index` (a block starts once the name is known, then each argument
 * piece is an input_json_delta); at the end every open block stops, then message_delta and message_stop.
 */
export class OpenAiChatStreamState {
  readonly #provider: ProviderName;
  readonly #model: string;
  #started = false;
  #nextIndex = 0;
  #textIndex: number | undefined;
  #thinkingIndex: number | undefined;
  readonly #toolCalls = new Map<number, ToolCallState>();
  readonly #openBlocks = new Set<number>();
  #finishReason: string | null | undefined;
  #sawFinish = false;
  #usage: OpenAiUsage | undefined;

  constructor(provider: ProviderName, model: string) {
    this.#provider = provider;
    this.#model = model;
  }

  get finished(): boolean {
    return this.#sawFinish;
  }

  push(chunk: OpenAiChatChunk): StreamEvent[] {
    const events: StreamEvent[] = [];
    if (!this.#started) {
      this.#started = true;
      events.push({
        type: "message_start",
        message: {
          id: chunk.id ?? generateId("msg"),
          type: "message",
          role: "assistant",
          model: chunk.model ?? this.#model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
        },
      });
    }
    if (chunk.usage) this.#usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      const delta = choice.delta;
      const reasoning = delta?.reasoning_content ?? delta?.reasoning;
      if (reasoning) {
        if (this.#thinkingIndex === undefined) {
          this.#thinkingIndex = this.#open(events, { type: "thinking", thinking: "", signature: "" });
        }
        events.push({ type: "content_block_delta", index: this.#thinkingIndex, delta: { type: "thinking_delta", thinking: reasoning } });
      }
      const text = delta?.content ?? delta?.refusal;
      if (text) {
        this.#closeThinking(events);
        if (this.#textIndex === undefined) this.#textIndex = this.#open(events, { type: "text", text: "" });
        events.push({ type: "content_block_delta", index: this.#textIndex, delta: { type: "text_delta", text } });
      }
      for (const [position, call] of (delta?.tool_calls ?? []).entries()) {
        const key = call.index ?? position;
        let state = this.#toolCalls.get(key);
        if (state === undefined) {
          // A new call: earlier ones that are still waiting for arguments start now.
          for (const earlier of this.#toolCalls.values()) this.#startToolCall(events, earlier);
          state = { id: undefined, name: "", blockIndex: undefined, pendingArguments: "" };
          this.#toolCalls.set(key, state);
        }
        if (call.id) state.id ??= call.id;
        if (call.function?.name) state.name += call.function.name;
        const piece = call.function?.arguments ?? "";
        if (state.blockIndex === undefined) {
          state.pendingArguments += piece;
          // Some servers stream the name in pieces: the block starts once arguments begin.
          if (state.pendingArguments !== "") this.#startToolCall(events, state);
        } else if (piece !== "") {
          events.push({ type: "content_block_delta", index: state.blockIndex, delta: { type: "input_json_delta", partial_json: piece } });
        }
      }
      if (choice.finish_reason) {
        this.#finishReason = choice.finish_reason;
        this.#sawFinish = true;
      }
    }
    return events;
  }

  /** Closes everything; call once the stream has ended (after `[DONE]` or the last chunk). */
  finish(): StreamEvent[] {
    const events: StreamEvent[] = [];
    for (const state of this.#toolCalls.values()) this.#startToolCall(events, state);
    for (const index of [...this.#openBlocks].sort((a, b) => a - b)) events.push({ type: "content_block_stop", index });
    this.#openBlocks.clear();
    const sawToolCall = [...this.#toolCalls.values()].some((state) => state.blockIndex !== undefined);
    const stopReason: StopReason = mapOpenAiStopReason(this.#finishReason, sawToolCall);
    const usage = mapOpenAiUsage(this.#usage);
    events.push({ type: "message_delta", delta: { stop_reason: stopReason, stop_sequence: null }, usage });
    events.push({ type: "message_stop" });
    return events;
  }

  get provider(): ProviderName {
    return this.#provider;
  }

  #open(events: StreamEvent[], block: Extract<StreamEvent, { type: "content_block_start" }>["content_block"]): number {
    const index = this.#nextIndex++;
    this.#openBlocks.add(index);
    events.push({ type: "content_block_start", index, content_block: block });
    return index;
  }

  /** Starts the tool_use block of `state` (once its name is known) and emits the arguments so far. */
  #startToolCall(events: StreamEvent[], state: ToolCallState): void {
    if (state.blockIndex !== undefined || state.name === "") return;
    this.#closeThinking(events);
    this.#closeText(events);
    state.blockIndex = this.#open(events, { type: "tool_use", id: state.id ?? generateId("call"), name: state.name, input: {} });
    if (state.pendingArguments !== "") {
      events.push({ type: "content_block_delta", index: state.blockIndex, delta: { type: "input_json_delta", partial_json: state.pendingArguments } });
    }
  }

  #closeText(events: StreamEvent[]): void {
    if (this.#textIndex !== undefined && this.#openBlocks.delete(this.#textIndex)) {
      events.push({ type: "content_block_stop", index: this.#textIndex });
      this.#textIndex = undefined;
    }
  }

  #closeThinking(events: StreamEvent[]): void {
    if (this.#thinkingIndex !== undefined && this.#openBlocks.delete(this.#thinkingIndex)) {
      events.push({ type: "content_block_stop", index: this.#thinkingIndex });
      this.#thinkingIndex = undefined;
    }
  }
}

/** Parses a chat-completions SSE stream into our events. */
export async function* translateOpenAiChatStream(
  body: AsyncIterable<Uint8Array>,
  settings: { provider: ProviderName; model: string },
  requestId: string | undefined,
): AsyncGenerator<StreamEvent, void, undefined> {
  const state = new OpenAiChatStreamState(settings.provider, settings.model);
  let chunks = 0;
  for await (const batch of parseSseBatches(body, { provider: settings.provider })) for (const message of batch) {
    const data = message.data;
    if (typeof data === "object" && data !== null && "error" in data) {
      const error = openaiStreamErrorSchema.safeParse(data);
      if (error.success) {
        const detail = error.data.error;
        const type = typeof detail === "string" ? "api_error" : (detail.type ?? "api_error");
        const text = typeof detail === "string" ? detail : (detail.message ?? JSON.stringify(detail));
        throw classifyStreamErrorEvent({ error: { type, message: text } }, settings.provider, requestId);
      }
    }
    const parsed = openaiChatChunkSchema.safeParse(data);
    if (!parsed.success) throw invalidWireEvent(settings, data, parsed.error);
    chunks++;
    for (const event of state.push(parsed.data)) yield event;
  }
  if (!state.finished) {
    throw new StreamInterruptedError(
      `${settings.provider}: the stream ended after ${chunks} chunks without a finish_reason; the reply is incomplete`,
      { provider: settings.provider, requestId },
    );
  }
  for (const event of state.finish()) yield event;
}
