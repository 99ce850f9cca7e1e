import { InvalidSseFrameError } from "./errors.js";
import type { ProviderName } from "./provider-client.js";

/**
 * Incremental newline-delimited JSON parser (Ollama's streaming format). Chunks may end anywhere, including
 * inside a UTF-8 character or a JSON value; `\r\n` line ends and blank lines are accepted.
 */
export class NdjsonParser {
  readonly #decoder = new TextDecoder("utf-8");
  readonly #provider: ProviderName | "unknown";
  #pendingLine = "";

  constructor(options: { provider?: ProviderName | "unknown" | undefined } = {}) {
    this.#provider = options.provider ?? "unknown";
  }

  /** Feeds bytes or text; returns the values of the lines completed by this chunk. */
  feed(chunk: Uint8Array | string): unknown[] {
    const text = typeof chunk === "string" ? chunk : this.#decoder.decode(chunk, { stream: true });
    const values: unknown[] = [];
    let start = 0;
    let newline = text.indexOf("\n");
    if (newline === -1) {
      this.#pendingLine += text;
      return values;
    }
    if (this.#pendingLine.length > 0) {
      this.#parseLine(this.#pendingLine + text.slice(0, newline), values);
      this.#pendingLine = "";
      start = newline + 1;
      newline = text.indexOf("\n", start);
    }
    for (; newline !== -1; newline = text.indexOf("\n", start)) {
      this.#parseLine(text.slice(start, newline), values);
      start = newline + 1;
    }
    this.#pendingLine = text.slice(start);
    return values;
  }

  /**
   * Ends the stream. A last line without a newline is parsed when it is complete JSON; otherwise it was cut
   * off, and `incompleteLine` is true.
   */
  finish(): { values: unknown[]; incompleteLine: boolean } {
    const rest = (this.#pendingLine + this.#decoder.decode()).trim();
    this.#pendingLine = "";
    if (rest === "") return { values: [], incompleteLine: false };
    try {
      return { values: [JSON.parse(rest)], incompleteLine: false };
    } catch {
      return { values: [], incompleteLine: true };
    }
  }

  #parseLine(line: string, values: unknown[]): void {
    const trimmed = line.trim();
    if (trimmed === "") return;
    try {
      values.push(JSON.parse(trimmed));
    } catch (cause) {
      const excerpt = trimmed.slice(0, 200);
      throw new InvalidSseFrameError(`${this.#provider}: the stream sent a line that is not valid JSON: ${excerpt}`, {
        provider: this.#provider,
        excerpt,
        cause,
      });
    }
  }
}

/** Parses an NDJSON byte stream into JSON values (a cut-off last line is dropped; see `NdjsonParser.finish`). */
export async function* parseNdjsonStream(
  source: AsyncIterable<Uint8Array | string>,
  options: { provider?: ProviderName | "unknown" | undefined } = {},
): AsyncGenerator<unknown, void, undefined> {
  const parser = new NdjsonParser(options);
  for await (const chunk of source) {
    for (const value of parser.feed(chunk)) yield value;
  }
  for (const value of parser.finish().values) yield value;
}
