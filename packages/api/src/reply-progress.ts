import type { StreamEvent } from "./stream-events.js";

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * What of a streamed reply the caller has been given, to say so when the stream fails part-way:
 * `2 content blocks (132 characters of text, 1 tool call)`.
 */
export class ReplyProgress {
  #blocks = 0;
  #textCharacters = 0;
  #thinkingCharacters = 0;
  #toolCalls = 0;
  #pings = 0;
  /** The request id of the latest attempt's response, named when the call runs out of time. */
  requestId: string | undefined;

  /** True once a content_block_start was handed to the caller: from then on nothing is replayed. */
  get contentStarted(): boolean {
    return this.#blocks > 0;
  }

  get pings(): number {
    return this.#pings;
  }

  /** Counts an event handed to the caller (pings are counted whether handed over or held back). */
  count(event: StreamEvent): void {
    if (event.type === "ping") this.#pings += 1;
    else if (event.type === "content_block_start") {
      this.#blocks += 1;
      if (event.content_block.type === "tool_use") this.#toolCalls += 1;
      else if (event.content_block.type === "text") this.#textCharacters += event.content_block.text.length;
    } else if (event.type === "content_block_delta") {
      if (event.delta.type === "text_delta") this.#textCharacters += event.delta.text.length;
      else if (event.delta.type === "thinking_delta") this.#thinkingCharacters += event.delta.thinking.length;
    }
  }

  /** `2 content blocks (132 characters of text, 1 tool call)`, or `no content` before the first block. */
  describe(): string {
    if (this.#blocks === 0) return this.#pings > 0 ? `no content (only ${plural(this.#pings, "ping")})` : "no content";
    const parts: string[] = [];
    if (this.#textCharacters > 0) parts.push(`${plural(this.#textCharacters, "character")} of text`);
    if (this.#thinkingCharacters > 0) parts.push(`${plural(this.#thinkingCharacters, "character")} of thinking`);
    if (this.#toolCalls > 0) parts.push(plural(this.#toolCalls, "tool call"));
    const blocks = plural(this.#blocks, "content block");
    return parts.length === 0 ? blocks : `${blocks} (${parts.join(", ")})`;
  }
}
