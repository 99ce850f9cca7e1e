import { describe, expect, it } from "vitest";
import { InvalidSseFrameError } from "./errors.js";
import { parseSseStream, SseParser, type SseFrame } from "./sse-parser.js";

const encoder = new TextEncoder();

function framesOf(chunks: (string | Uint8Array)[]): SseFrame[] {
  const parser = new SseParser();
  const frames: SseFrame[] = [];
  for (const chunk of chunks) frames.push(...parser.feed(typeof chunk === "string" ? encoder.encode(chunk) : chunk));
  parser.finish();
  return frames;
}

/** Every way of cutting `bytes` into two chunks, plus one byte at a time. */
function splits(bytes: Uint8Array): Uint8Array[][] {
  const result: Uint8Array[][] = [];
  for (let cut = 0; cut <= bytes.length; cut++) result.push([bytes.slice(0, cut), bytes.slice(cut)]);
  result.push([...bytes].map((byte) => Uint8Array.of(byte)));
  return result;
}

async function* chunksOf(parts: (string | Uint8Array)[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield typeof part === "string" ? encoder.encode(part) : part;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const anthropicStream =
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1"}}\n\n' +
  "event: ping\ndata: {\"type\": \"ping\"}\n\n" +
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"héllo → 世界 🎉"}}\n\n' +
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"path\\":\\"a"}}\n\n' +
  'event: message_stop\ndata: {"type":"message_stop"}\n\n';

describe("SseParser", () => {
  it("parses event and data fields", () => {
    expect(framesOf(["event: a\ndata: 1\n\ndata: 2\n\n"])).toEqual([
      { event: "a", data: "1", id: undefined },
      { event: undefined, data: "2", id: undefined },
    ]);
  });

  it("gives the same frames however the bytes are cut, including inside UTF-8 characters", () => {
    const bytes = encoder.encode(anthropicStream);
    const expected = framesOf([bytes]);
    expect(expected).toHaveLength(5);
    expect(expected[2]?.data).toContain("héllo → 世界 🎉");
    for (const chunks of splits(bytes)) expect(framesOf(chunks)).toEqual(expected);
  });

  it("splits inside a four-byte emoji", () => {
    const bytes = encoder.encode("data: 🎉\n\n");
    // The emoji occupies bytes 6..9; cut in its middle.
    expect(framesOf([bytes.slice(0, 8), bytes.slice(8)])).toEqual([{ event: undefined, data: "🎉", id: undefined }]);
  });

  it("accepts CRLF and lone CR line ends, also when cut between CR and LF", () => {
    const crlf = encoder.encode("event: x\r\ndata: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n");
    const expected = [
      { event: "x", data: "a\nb", id: undefined },
      { event: undefined, data: "c", id: undefined },
    ];
    for (const chunks of splits(crlf)) expect(framesOf(chunks)).toEqual(expected);
    expect(framesOf(["data: a\rdata: b\r\rdata: c\r\r"])).toEqual([
      { event: undefined, data: "a\nb", id: undefined },
      { event: undefined, data: "c", id: undefined },
    ]);
  });

  it("joins multi-line data with newlines", () => {
    expect(framesOf(["data: {\"a\":\ndata: 1}\n\n"])[0]?.data).toBe('{"a":\n1}');
  });

  it("skips comments and empty frames", () => {
    expect(framesOf([": keep-alive\n\n:another\ndata: x\n\n\n\n"])).toEqual([
      { event: undefined, data: "x", id: undefined },
    ]);
  });

  it("strips exactly one space after the colon and accepts no space", () => {
    expect(framesOf(["data:x\n\ndata:  y\n\n"]).map((frame) => frame.data)).toEqual(["x", " y"]);
  });

  it("handles fields without a value and ids", () => {
    expect(framesOf(["id: 7\ndata\n\ndata: z\n\n"])).toEqual([
      { event: undefined, data: "", id: "7" },
      { event: undefined, data: "z", id: "7" },
    ]);
  });

  it("does not dispatch an event cut off by the end of the stream", () => {
    const parser = new SseParser();
    expect(parser.feed(encoder.encode('data: {"type":"message_stop"}'))).toEqual([]);
    expect(parser.finish()).toEqual({ incompleteFrame: true });
    const clean = new SseParser();
    clean.feed(encoder.encode("data: 1\n\n"));
    expect(clean.finish()).toEqual({ incompleteFrame: false });
  });

  it("accepts text chunks too", () => {
    const parser = new SseParser();
    expect(parser.feed("data: a\n")).toEqual([]);
    expect(parser.feed("\n")).toEqual([{ event: undefined, data: "a", id: undefined }]);
  });
});

describe("parseSseStream", () => {
  it("parses JSON, turns ping frames into ping data and stops at [DONE]", async () => {
    const messages = await collect(
      parseSseStream(chunksOf(["event: ping\ndata: \n\n", 'data: {"a":', "1}\n\n", "data: [DONE]\n\n", "data: {\"late\":1}\n\n"])),
    );
    expect(messages).toEqual([
      { event: "ping", data: { type: "ping" } },
      { event: undefined, data: { a: 1 } },
    ]);
  });

  it("gives every cut of a stream the same messages", async () => {
    const bytes = encoder.encode(anthropicStream);
    const expected = await collect(parseSseStream(chunksOf([bytes])));
    expect(expected.map((message) => (message.data as { type: string }).type)).toEqual([
      "message_start",
      "ping",
      "content_block_delta",
      "content_block_delta",
      "message_stop",
    ]);
    for (const chunks of splits(bytes)) expect(await collect(parseSseStream(chunksOf(chunks)))).toEqual(expected);
  });

  it("closes the source after [DONE]", async () => {
    let closed = false;
    async function* source(): AsyncIterable<Uint8Array> {
      try {
        yield encoder.encode("data: [DONE]\n\n");
        yield encoder.encode("data: 1\n\n");
      } finally {
        closed = true;
      }
    }
    await collect(parseSseStream(source()));
    expect(closed).toBe(true);
  });

  it("turns invalid JSON into an InvalidSseFrameError with an excerpt", async () => {
    const error = await collect(
      parseSseStream(chunksOf(['event: content_block_delta\ndata: {"type":"content_block_delta", oops}\n\n']), {
        provider: "anthropic",
      }),
    ).catch((caught: unknown) => caught);
    expect(InvalidSseFrameError.isInstance(error)).toBe(true);
    const frameError = error as InvalidSseFrameError;
    expect(frameError.excerpt).toBe('{"type":"content_block_delta", oops}');
    expect(frameError.message).toBe(
      'anthropic: the stream sent a frame that is not valid JSON (event content_block_delta): {"type":"content_block_delta", oops}',
    );
    expect(frameError.provider).toBe("anthropic");
  });

  it("limits the excerpt of a huge bad frame", async () => {
    const error = (await collect(parseSseStream(chunksOf([`data: {${"x".repeat(5000)}\n\n`]))).catch(
      (caught: unknown) => caught,
    )) as InvalidSseFrameError;
    expect(error.excerpt).toHaveLength(200);
    expect(error.message.length).toBeLessThan(300);
  });
});
