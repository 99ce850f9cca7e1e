import { InvalidSseFrameError } from "./errors.js";
import type { ProviderName } from "./provider-client.js";

/**
 * Incremental Server-Sent Events parser (WHATWG event-stream rules): lines end in `\n`, `\r\n` or `\r`;
 * `:` lines are comments; several `data:` lines join with `\n`; one space after the colon is dropped; a blank
 * line dispatches the event. Bytes are decoded with a streaming TextDecoder, so a chunk may end anywhere —
 * inside a UTF-8 character, a field name or a JSON value. An event cut off by the end of the stream is not
 * dispatched (`finish()` reports it).
 *
 * It replaces eventsource-parser because it is measurably faster on provider streams (see bench/), with the
 * same framing rules.
 */

export interface SseFrame {
  /** The `event:` field, when the frame had one. */
  event: string | undefined;
  data: string;
  /** The last `id:` seen on the stream. */
  id: string | undefined;
}

const CHAR_D = 0x64; // d
const CHAR_E = 0x65; // e
const CHAR_COLON = 0x3a;
const CHAR_SPACE = 0x20;

export class SseParser {
  readonly #decoder = new TextDecoder("utf-8");
  /** Text of a line whose end has not arrived yet. */
  #pendingLine = "";
  /** The previous chunk ended in `\r`, so a leading `\n` of the next one belongs to it. */
  #afterCarriageReturn = false;
  #data = "";
  #hasData = false;
  #event: string | undefined = undefined;
  #lastId: string | undefined = undefined;
  #frames: SseFrame[] = [];

  /** Feeds bytes (or already decoded text); returns the frames completed by this chunk. */
  feed(chunk: Uint8Array | string): SseFrame[] {
    const text = typeof chunk === "string" ? chunk : this.#decoder.decode(chunk, { stream: true });
    this.#feedText(text);
    const frames = this.#frames;
    this.#frames = [];
    return frames;
  }

  /**
   * Ends the stream. Returns true when an event had started but never got its terminating blank line (it is
   * discarded, as the event-stream rules say).
   */
  finish(): { incompleteFrame: boolean } {
    this.#feedText(this.#decoder.decode());
    const incompleteFrame = this.#pendingLine.length > 0 || this.#hasData;
    this.#pendingLine = "";
    this.#data = "";
    this.#hasData = false;
    this.#event = undefined;
    this.#frames = [];
    return { incompleteFrame };
  }

  #feedText(input: string): void {
    let text = input;
    if (text.length === 0) return;
    if (this.#afterCarriageReturn) {
      this.#afterCarriageReturn = false;
      if (text.charCodeAt(0) === 0x0a) text = text.slice(1);
    }
    if (text.includes("\r")) {
      if (text.endsWith("\r")) {
        this.#afterCarriageReturn = true;
      }
      text = text.replace(/\r\n?/g, "\n");
    }
    let start = 0;
    if (this.#pendingLine.length > 0) {
      const newline = text.indexOf("\n");
      if (newline === -1) {
        this.#pendingLine += text;
        return;
      }
      const line = this.#pendingLine + text.slice(0, newline);
      this.#pendingLine = "";
      this.#processLine(line, 0, line.length);
      start = newline + 1;
    }
    for (let newline = text.indexOf("\n", start); newline !== -1; newline = text.indexOf("\n", start)) {
      this.#processLine(text, start, newline);
      start = newline + 1;
    }
    if (start < text.length) this.#pendingLine = text.slice(start);
  }

  #processLine(text: string, start: number, end: number): void {
    if (start === end) {
      this.#dispatch();
      return;
    }
    const first = text.charCodeAt(start);
    // Fast path for the common `data: ` and `event: ` lines.
    if (first === CHAR_D && text.startsWith("data:", start)) {
      const valueStart = text.charCodeAt(start + 5) === CHAR_SPACE ? start + 6 : start + 5;
      const value = text.slice(valueStart, end);
      if (this.#hasData) this.#data += "\n" + value;
      else {
        this.#data = value;
        this.#hasData = true;
      }
      return;
    }
    if (first === CHAR_COLON) return;
    if (first === CHAR_E && text.startsWith("event:", start)) {
      const valueStart = text.charCodeAt(start + 6) === CHAR_SPACE ? start + 7 : start + 6;
      this.#event = text.slice(valueStart, end);
      return;
    }
    const line = text.slice(start, end);
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.charCodeAt(0) === CHAR_SPACE) value = value.slice(1);
    if (field === "data") {
      this.#data = this.#hasData ? this.#data + "\n" + value : value;
      this.#hasData = true;
    } else if (field === "event") {
      this.#event = value;
    } else if (field === "id") {
      if (!value.includes("\0")) this.#lastId = value;
    }
    // `retry` and unknown fields are ignored, as the event-stream rules say.
  }

  #dispatch(): void {
    if (!this.#hasData) {
      this.#event = undefined;
      return;
    }
    this.#frames.push({ event: this.#event, data: this.#data, id: this.#lastId });
    this.#data = "";
    this.#hasData = false;
    this.#event = undefined;
  }
}

export interface SseMessage {
  event: string | undefined;
  /** The frame's data parsed as JSON (`{type:"ping"}` for `event: ping` frames). */
  data: unknown;
}

export interface ParseSseOptions {
  /** Named in errors. */
  provider?: ProviderName | "unknown" | undefined;
}

const EXCERPT_LENGTH = 200;

/** Parses one frame's data as JSON; invalid JSON becomes an InvalidSseFrameError with an excerpt. */
export function decodeSseFrame(frame: SseFrame, provider: ProviderName | "unknown" = "unknown"): SseMessage {
  if (frame.event === "ping") return { event: "ping", data: { type: "ping" } };
  try {
    return { event: frame.event, data: JSON.parse(frame.data) };
  } catch (cause) {
    const excerpt = frame.data.slice(0, EXCERPT_LENGTH);
    const shown = excerpt.replace(/\s+/g, " ");
    throw new InvalidSseFrameError(
      `${provider}: the stream sent a frame that is not valid JSON${frame.event === undefined ? "" : ` (event ${frame.event})`}: ${shown}${frame.data.length > EXCERPT_LENGTH ? "…" : ""}`,
      { provider, excerpt, cause },
    );
  }
}

/**
 * Parses an SSE byte stream into JSON messages, one array per chunk read (empty arrays are skipped). Handing
 * over a chunk's messages at once saves an await per message; providers iterate this. `data: [DONE]` ends
 * the stream (the source is closed).
 */
export async function* parseSseBatches(
  source: AsyncIterable<Uint8Array | string>,
  options: ParseSseOptions = {},
): AsyncGenerator<SseMessage[], void, undefined> {
  const provider = options.provider ?? "unknown";
  const parser = new SseParser();
  for await (const chunk of source) {
    const frames = parser.feed(chunk);
    if (frames.length === 0) continue;
    const messages: SseMessage[] = [];
    for (const frame of frames) {
      if (frame.data === "[DONE]") {
        if (messages.length > 0) yield messages;
        return;
      }
      messages.push(decodeSseFrame(frame, provider));
    }
    yield messages;
  }
  parser.finish();
}

/**
 * Parses an SSE byte stream into JSON messages. `data: [DONE]` ends the stream (the source is closed);
 * comments and empty frames are skipped. Breaking out of the loop closes the source too.
 */
export function parseSseStream(
  source: AsyncIterable<Uint8Array | string>,
  options: ParseSseOptions = {},
): AsyncIterableIterator<SseMessage> {
  return new SseMessageIterator(source, options.provider ?? "unknown");
}

/**
 * A hand-written iterator rather than an async generator: messages already parsed are handed out with one
 * resolved promise each, which is what lets the parser keep up with fast local streams (see bench/).
 */
class SseMessageIterator implements AsyncIterableIterator<SseMessage> {
  readonly #source: AsyncIterator<Uint8Array | string>;
  readonly #provider: ProviderName | "unknown";
  readonly #parser = new SseParser();
  #queue: SseMessage[] = [];
  #position = 0;
  #finished = false;

  constructor(source: AsyncIterable<Uint8Array | string>, provider: ProviderName | "unknown") {
    this.#source = source[Symbol.asyncIterator]();
    this.#provider = provider;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<SseMessage> {
    return this;
  }

  next(): Promise<IteratorResult<SseMessage, undefined>> {
    if (this.#position < this.#queue.length) {
      const value = this.#queue[this.#position++] as SseMessage;
      return Promise.resolve({ value, done: false });
    }
    return this.#fill();
  }

  async return(): Promise<IteratorResult<SseMessage, undefined>> {
    await this.#close();
    return { value: undefined, done: true };
  }

  async #fill(): Promise<IteratorResult<SseMessage, undefined>> {
    try {
      while (!this.#finished) {
        const chunk = await this.#source.next();
        if (chunk.done === true) {
          this.#finished = true;
          this.#parser.finish();
          break;
        }
        const frames = this.#parser.feed(chunk.value);
        if (frames.length === 0) continue;
        const queue: SseMessage[] = [];
        for (const frame of frames) {
          if (frame.data === "[DONE]") {
            await this.#close();
            break;
          }
          queue.push(decodeSseFrame(frame, this.#provider));
        }
        this.#queue = queue;
        this.#position = 0;
        if (queue.length > 0) return { value: queue[this.#position++] as SseMessage, done: false };
      }
      return { value: undefined, done: true };
    } catch (error) {
      await this.#close();
      throw error;
    }
  }

  async #close(): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    this.#queue = [];
    await this.#source.return?.();
  }
}
