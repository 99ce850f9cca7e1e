import { ApiError, StreamInterruptedError } from "./errors.js";
import { classifyStreamErrorEvent } from "./classify-error.js";
import { emptyUsage } from "./message-model.js";
import type { ContentBlock, MessageResponse, Usage } from "./message-model.js";
import type { ProviderName } from "./provider-client.js";
import type { DeltaUsage, StreamEvent } from "./stream-events.js";

/**
 * Deepest nesting of arrays and objects accepted in a tool input. Real inputs nest a few levels; a hostile
 * one (100 000 nested arrays) would overflow the stack of every later `structuredClone` and `JSON.stringify`.
 */
export const MAX_TOOL_INPUT_DEPTH = 256;

interface ToolInputState {
  json: string;
  error: string | undefined;
}

/**
 * Assembles stream events into a message, one event at a time. `snapshot()` gives the message so far (for
 * rendering while streaming), `finish()` the final one. Tool inputs are parsed when their block stops; the
 * JSON text exactly as streamed stays available through `toolInputJson(id)`, and input that is not valid
 * JSON, not an object, or nested deeper than `MAX_TOOL_INPUT_DEPTH` is reported by `toolInputError(id)`
 * (the block's `input` is then `{}`).
 */
export class MessageAccumulator {
  readonly #provider: ProviderName | "unknown";
  #message: MessageResponse | undefined;
  readonly #blocks: (ContentBlock | undefined)[] = [];
  readonly #partialJson = new Map<number, string>();
  readonly #toolInputs = new Map<string, ToolInputState>();
  readonly #unknownEvents: StreamEvent[] = [];
  #stopped = false;

  constructor(options: { provider?: ProviderName | "unknown" } = {}) {
    this.#provider = options.provider ?? "unknown";
  }

  /** Feeds one event. An `error` event throws the matching typed error. */
  push(event: StreamEvent): void {
    switch (event.type) {
      case "message_start":
        this.#message = { ...event.message, content: [], usage: { ...emptyUsage(), ...event.message.usage } };
        event.message.content.forEach((block, index) => {
          this.#blocks[index] = block;
        });
        return;
      case "content_block_start":
        this.#blocks[event.index] = structuredClone(event.content_block);
        if (event.content_block.type === "tool_use") {
          const initial = Object.keys(event.content_block.input).length > 0 ? JSON.stringify(event.content_block.input) : "";
          this.#partialJson.set(event.index, initial);
        }
        return;
      case "content_block_delta":
        this.#applyDelta(event);
        return;
      case "content_block_stop":
        this.#stopBlock(event.index);
        return;
      case "message_delta": {
        const message = this.#requireMessage();
        message.stop_reason = event.delta.stop_reason ?? message.stop_reason;
        message.stop_sequence = event.delta.stop_sequence ?? message.stop_sequence;
        mergeUsage(message.usage, event.usage);
        return;
      }
      case "message_stop":
        for (const index of [...this.#partialJson.keys()]) this.#stopBlock(index);
        this.#stopped = true;
        return;
      case "ping":
        return;
      case "error":
        throw classifyStreamErrorEvent(event, this.#provider, undefined);
      case "unknown":
        this.#unknownEvents.push(event);
        return;
    }
  }

  /** True once message_stop has arrived. */
  get isComplete(): boolean {
    return this.#stopped;
  }

  /** Events of types this version does not model, in arrival order. */
  get unknownEvents(): readonly StreamEvent[] {
    return this.#unknownEvents;
  }

  /** The tool input JSON text of tool_use block `id` exactly as streamed. */
  toolInputJson(id: string): string | undefined {
    return this.#toolInputs.get(id)?.json;
  }

  /** Why tool_use block `id`'s input could not be parsed, or undefined when it parsed. */
  toolInputError(id: string): string | undefined {
    return this.#toolInputs.get(id)?.error;
  }

  /** The message assembled so far (a copy). */
  snapshot(): MessageResponse {
    const message = this.#requireMessage();
    return structuredClone({ ...message, content: this.#blocks.filter((block) => block !== undefined) });
  }

  /** The final message; throws StreamInterruptedError when message_stop never arrived. */
  finish(): MessageResponse {
    if (!this.#stopped) {
      throw new StreamInterruptedError(`${this.#provider}: the stream ended before message_stop`, {
        provider: this.#provider,
      });
    }
    return this.snapshot();
  }

  #requireMessage(): MessageResponse {
    if (this.#message === undefined) {
      throw new ApiError(`${this.#provider}: stream event arrived before message_start`, {
        provider: this.#provider,
        code: "invalid_stream",
      });
    }
    return this.#message;
  }

  #applyDelta(event: Extract<StreamEvent, { type: "content_block_delta" }>): void {
    const block = this.#blocks[event.index];
    const delta = event.delta;
    if (block === undefined) {
      throw new ApiError(`${this.#provider}: content_block_delta for block ${event.index}, which never started`, {
        provider: this.#provider,
        code: "invalid_stream",
      });
    }
    if (delta.type === "text_delta" && block.type === "text") {
      block.text += delta.text;
    } else if (delta.type === "input_json_delta" && block.type === "tool_use") {
      this.#partialJson.set(event.index, (this.#partialJson.get(event.index) ?? "") + delta.partial_json);
    } else if (delta.type === "thinking_delta" && block.type === "thinking") {
      block.thinking += delta.thinking;
    } else if (delta.type === "signature_delta" && block.type === "thinking") {
      block.signature += delta.signature;
    } else {
      this.#unknownEvents.push(event);
    }
  }

  #stopBlock(index: number): void {
    const block = this.#blocks[index];
    const json = this.#partialJson.get(index);
    if (block?.type !== "tool_use" || json === undefined) return;
    this.#partialJson.delete(index);
    let error: string | undefined;
    const depth = json.length > MAX_TOOL_INPUT_DEPTH * 2 ? jsonDepth(json) : 0;
    if (json.trim() === "") {
      block.input = {};
    } else if (depth > MAX_TOOL_INPUT_DEPTH) {
      block.input = {};
      error = `tool ${block.name} input is nested ${depth} levels deep (at most ${MAX_TOOL_INPUT_DEPTH}): ${json.slice(0, 80)}…`;
    } else {
      try {
        const parsed: unknown = JSON.parse(json);
        if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
          block.input = parsed as Record<string, unknown>;
        } else {
          block.input = {};
          error = `tool ${block.name} input is not a JSON object: ${json.slice(0, 200)}`;
        }
      } catch (cause) {
        block.input = {};
        error = `tool ${block.name} input is not valid JSON (${(cause as Error).message}): ${json.slice(0, 200)}`;
      }
    }
    this.#toolInputs.set(block.id, { json: json.trim() === "" ? "{}" : json, error });
  }
}

/** The deepest nesting of `[` and `{` in JSON text (brackets inside strings do not count). */
function jsonDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < json.length; index += 1) {
    const character = json.charCodeAt(index);
    if (inString) {
      if (character === 0x5c) index += 1;
      else if (character === 0x22) inString = false;
    } else if (character === 0x22) {
      inString = true;
    } else if (character === 0x5b || character === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (character === 0x5d || character === 0x7d) {
      depth -= 1;
    }
  }
  return deepest;
}

function mergeUsage(usage: Usage, delta: DeltaUsage): void {
  if (typeof delta.input_tokens === "number") usage.input_tokens = delta.input_tokens;
  if (typeof delta.output_tokens === "number") usage.output_tokens = delta.output_tokens;
  if (typeof delta.cache_creation_input_tokens === "number") {
    usage.cache_creation_input_tokens = delta.cache_creation_input_tokens;
  }
  if (typeof delta.cache_read_input_tokens === "number") usage.cache_read_input_tokens = delta.cache_read_input_tokens;
}

/** Consumes a whole stream and returns the assembled message. */
export async function collectStream(
  events: AsyncIterable<StreamEvent>,
  options: { provider?: ProviderName | "unknown" } = {},
): Promise<MessageResponse> {
  const accumulator = new MessageAccumulator(options);
  for await (const event of events) accumulator.push(event);
  return accumulator.finish();
}
