import { classifyHttpError } from "../../classify-error.js";
import { StreamInterruptedError } from "../../errors.js";
import { parseNdjsonStream } from "../../ndjson-parser.js";
import type { ProviderName } from "../../provider-client.js";
import type { StreamEvent } from "../../stream-events.js";
import { generateId, invalidWireEvent } from "../client-core.js";
import { mapOllamaStopReason, mapOllamaUsage, ollamaArguments } from "./ollama-translate.js";
import { ollamaChatChunkSchema, ollamaErrorSchema, type OllamaChatChunk } from "./ollama-wire.js";

/**
 * Maps Ollama's NDJSON chunks to our events. Text and thinking stream as deltas; each tool call (Ollama sends
 * it whole) becomes a tool_use block with a generated id whose input arrives as one input_json_delta.
 */
export class OllamaStreamState {
  readonly #model: string;
  #started = false;
  #nextIndex = 0;
  #textIndex: number | undefined;
  #thinkingIndex: number | undefined;
  #sawToolCall = false;
  #done = false;

  constructor(model: string) {
    this.#model = model;
  }

  get done(): boolean {
    return this.#done;
  }

  push(chunk: OllamaChatChunk): StreamEvent[] {
    const events: StreamEvent[] = [];
    if (!this.#started) {
      this.#started = true;
      events.push({
        type: "message_start",
        message: {
          id: generateId("msg"),
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
    const message = chunk.message;
    if (message?.thinking) {
      if (this.#thinkingIndex === undefined) {
        this.#thinkingIndex = this.#nextIndex++;
        events.push({ type: "content_block_start", index: this.#thinkingIndex, content_block: { type: "thinking", thinking: "", signature: "" } });
      }
      events.push({ type: "content_block_delta", index: this.#thinkingIndex, delta: { type: "thinking_delta", thinking: message.thinking } });
    }
    if (message?.content) {
      this.#closeThinking(events);
      if (this.#textIndex === undefined) {
        this.#textIndex = this.#nextIndex++;
        events.push({ type: "content_block_start", index: this.#textIndex, content_block: { type: "text", text: "" } });
      }
      events.push({ type: "content_block_delta", index: this.#textIndex, delta: { type: "text_delta", text: message.content } });
    }
    for (const call of message?.tool_calls ?? []) {
      this.#closeThinking(events);
      this.#closeText(events);
      this.#sawToolCall = true;
      const index = this.#nextIndex++;
      events.push({
        type: "content_block_start",
        index,
        content_block: { type: "tool_use", id: call.id ?? generateId("call"), name: call.function.name, input: {} },
      });
      events.push({
        type: "content_block_delta",
        index,
        delta: { type: "input_json_delta", partial_json: JSON.stringify(ollamaArguments(call.function.arguments)) },
      });
      events.push({ type: "content_block_stop", index });
    }
    if (chunk.done === true) {
      this.#closeThinking(events);
      this.#closeText(events);
      events.push({
        type: "message_delta",
        delta: { stop_reason: mapOllamaStopReason(chunk.done_reason, this.#sawToolCall), stop_sequence: null },
        usage: mapOllamaUsage(chunk),
      });
      events.push({ type: "message_stop" });
      this.#done = true;
    }
    return events;
  }

  #closeText(events: StreamEvent[]): void {
    if (this.#textIndex === undefined) return;
    events.push({ type: "content_block_stop", index: this.#textIndex });
    this.#textIndex = undefined;
  }

  #closeThinking(events: StreamEvent[]): void {
    if (this.#thinkingIndex === undefined) return;
    events.push({ type: "content_block_stop", index: this.#thinkingIndex });
    this.#thinkingIndex = undefined;
  }
}

/** Parses an `/api/chat` NDJSON stream into our events. */
export async function* translateOllamaStream(
  body: AsyncIterable<Uint8Array>,
  settings: { provider: ProviderName; model: string },
  requestId: string | undefined,
): AsyncGenerator<StreamEvent, void, undefined> {
  const state = new OllamaStreamState(settings.model);
  let received = 0;
  for await (const value of parseNdjsonStream(body, { provider: settings.provider })) {
    const error = ollamaErrorSchema.safeParse(value);
    if (error.success) {
      throw classifyHttpError({
        provider: settings.provider,
        status: 500,
        body: JSON.stringify(value),
        requestId,
        prefix: `${settings.provider}: stream error:`,
      });
    }
    const parsed = ollamaChatChunkSchema.safeParse(value);
    if (!parsed.success) throw invalidWireEvent(settings, value, parsed.error);
    received++;
    for (const event of state.push(parsed.data)) yield event;
    if (state.done) return;
  }
  throw new StreamInterruptedError(
    `${settings.provider}: the stream ended after ${received} lines without "done": true; the reply is incomplete`,
    { provider: settings.provider, requestId },
  );
}
