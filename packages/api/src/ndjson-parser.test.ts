import { describe, expect, it } from "vitest";
import { InvalidSseFrameError } from "./errors.js";
import { NdjsonParser, parseNdjsonStream } from "./ndjson-parser.js";

const encoder = new TextEncoder();

function valuesOf(chunks: Uint8Array[]): unknown[] {
  const parser = new NdjsonParser();
  const values: unknown[] = [];
  for (const chunk of chunks) values.push(...parser.feed(chunk));
  values.push(...parser.finish().values);
  return values;
}

const ollamaStream =
  '{"model":"qwen","message":{"role":"assistant","content":"héllo 世界 🎉"},"done":false}\r\n' +
  '{"model":"qwen","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"Read","arguments":{"file_path":"a"}}}]},"done":false}\n' +
  "\n" +
  '{"model":"qwen","done":true,"prompt_eval_count":12,"eval_count":3}\n';

describe("NdjsonParser", () => {
  it("gives the same values however the bytes are cut", () => {
    const bytes = encoder.encode(ollamaStream);
    const expected = valuesOf([bytes]);
    expect(expected).toHaveLength(3);
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(valuesOf([bytes.slice(0, cut), bytes.slice(cut)])).toEqual(expected);
    }
    expect(valuesOf([...bytes].map((byte) => Uint8Array.of(byte)))).toEqual(expected);
  });

  it("parses a complete last line without a newline and reports a cut-off one", () => {
    const parser = new NdjsonParser();
    parser.feed('{"a":1}\n{"b":2}');
    expect(parser.finish()).toEqual({ values: [{ b: 2 }], incompleteLine: false });
    const cut = new NdjsonParser();
    cut.feed('{"a":1}\n{"b":');
    expect(cut.finish()).toEqual({ values: [], incompleteLine: true });
  });

  it("throws a typed error with an excerpt for a bad line", async () => {
    async function* source(): AsyncIterable<Uint8Array> {
      yield encoder.encode("not json\n");
    }
    const error = await (async () => {
      for await (const value of parseNdjsonStream(source(), { provider: "ollama" })) void value;
    })().catch((caught: unknown) => caught);
    expect(InvalidSseFrameError.isInstance(error)).toBe(true);
    expect((error as InvalidSseFrameError).excerpt).toBe("not json");
    expect((error as Error).message).toBe("ollama: the stream sent a line that is not valid JSON: not json");
  });
});
