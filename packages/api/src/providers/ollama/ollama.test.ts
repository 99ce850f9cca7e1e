import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { startMockLlm } from "@axion/mock-llm";
import { describe, expect, it } from "vitest";
import { ApiError, ServerError } from "../../errors.js";
import { MessageAccumulator } from "../../message-accumulator.js";
import type { MessageRequest } from "../../message-model.js";
import type { StreamEvent } from "../../stream-events.js";
import { iterate, normalizeGeneratedIds, randomChunks } from "../../test-support/chunking.js";
import { listOllamaModels, ollamaRoot } from "./create-ollama-client.js";
import { translateOllamaStream } from "./ollama-stream.js";
import { translateOllamaRequest, translateOllamaResponse } from "./ollama-translate.js";
import { ollamaChatChunkSchema } from "./ollama-wire.js";

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

async function eventsOf(text: string, seed: number): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of translateOllamaStream(iterate(randomChunks(text, seed)), { provider: "ollama", model: "qwen3:8b" }, undefined)) {
    events.push(event);
  }
  return events;
}

function assemble(events: StreamEvent[]) {
  const accumulator = new MessageAccumulator();
  for (const event of events) accumulator.push(event);
  return { message: accumulator.finish(), accumulator };
}

describe("Ollama request translation", () => {
  const request: MessageRequest = {
    model: "qwen3:8b",
    max_tokens: 800,
    temperature: 0.1,
    system: "Be brief.",
    messages: [
      { role: "user", content: [{ type: "text", text: "what is in it?" }, { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBOR" } }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Let me read." },
          { type: "tool_use", id: "call_a", name: "Read", input: { file_path: "a.txt" } },
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "call_a", content: "alpha" }] },
    ],
    tools: [{ name: "Read", description: "read a file", input_schema: { type: "object", properties: { file_path: { type: "string" } } } }],
  };

  it("sends tools, assistant tool calls with object arguments, and tool results named by tool", () => {
    const body = translateOllamaRequest(request, true);
    expect(body).toEqual({
      model: "qwen3:8b",
      stream: true,
      options: { num_predict: 800, temperature: 0.1 },
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "what is in it?", images: ["iVBOR"] },
        { role: "assistant", content: "Let me read.", tool_calls: [{ function: { name: "Read", arguments: { file_path: "a.txt" } } }] },
        { role: "tool", content: "alpha", tool_name: "Read" },
      ],
      tools: [
        {
          type: "function",
          function: { name: "Read", description: "read a file", parameters: { type: "object", properties: { file_path: { type: "string" } } } },
        },
      ],
    });
  });

  it("finds the server root from OpenAI-style base URLs", () => {
    expect(ollamaRoot("http://localhost:11434/v1")).toBe("http://localhost:11434");
    expect(ollamaRoot("http://localhost:11434/")).toBe("http://localhost:11434");
  });

  it("maps a non-streaming reply with tool calls", () => {
    const message = translateOllamaResponse(
      ollamaChatChunkSchema.parse({
        model: "llama3.1",
        message: { role: "assistant", content: "", tool_calls: [{ function: { name: "Read", arguments: { file_path: "x" } } }] },
        done: true,
        done_reason: "stop",
        prompt_eval_count: 5,
        eval_count: 3,
      }),
      "llama3.1",
    );
    expect(message.content).toEqual([{ type: "tool_use", id: expect.stringMatching(/^call_/), name: "Read", input: { file_path: "x" } }]);
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toEqual({ input_tokens: 5, output_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });
});

describe("Ollama stream translation (recorded fixtures)", () => {
  it("maps thinking, text and whole tool calls to blocks, however the bytes are cut", async () => {
    const text = fixture("thinking-tool-calls.ndjson");
    const reference = normalizeGeneratedIds(await eventsOf(text, 1));
    for (let seed = 2; seed < 25; seed++) expect(normalizeGeneratedIds(await eventsOf(text, seed))).toEqual(reference);
    const { message } = assemble(await eventsOf(text, 1));
    expect(message.content.map((block) => block.type)).toEqual(["thinking", "text", "tool_use", "tool_use"]);
    expect(message.content[0]).toEqual({ type: "thinking", thinking: "The user wants two lookups.", signature: "" });
    expect(message.content[1]).toEqual({ type: "text", text: "Je regarde — 見る 👀" });
    expect(message.content[2]).toMatchObject({ name: "Read", input: { file_path: "fixture.txt" } });
    expect(message.content[3]).toMatchObject({ name: "Grep", input: { pattern: "parity", path: "fixture.txt", output_mode: "count" } });
    const ids = message.content.flatMap((block) => (block.type === "tool_use" ? [block.id] : []));
    expect(new Set(ids).size).toBe(2);
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toEqual({ input_tokens: 321, output_tokens: 42, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    const jsonDeltas = reference.filter((event) => event.type === "content_block_delta" && event.delta.type === "input_json_delta");
    expect(jsonDeltas).toHaveLength(2);
  });

  it("maps done_reason length to max_tokens, with CRLF lines", async () => {
    const { message } = assemble(await eventsOf(fixture("length-crlf.ndjson"), 2));
    expect(message.stop_reason).toBe("max_tokens");
    expect(message.content).toEqual([{ type: "text", text: "Truncated answer" }]);
  });

  it("turns an error line into a typed error", async () => {
    const error = await eventsOf(fixture("error-line.ndjson"), 3).catch((caught: unknown) => caught);
    expect(ServerError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("ollama: stream error: server error: an error was encountered");
  });
});

describe("listOllamaModels", () => {
  it("lists the models from /api/tags", async () => {
    const mock = await startMockLlm();
    try {
      const models = await listOllamaModels(mock.baseUrl);
      expect(models.map((model) => model.name)).toEqual(["qwen2.5-coder:latest", "llama3.1:latest"]);
      expect(models[0]?.size).toBeGreaterThan(0);
      expect(mock.requests[0]).toMatchObject({ method: "GET", path: "/api/tags" });
    } finally {
      await mock.close();
    }
  });

  it("says when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await listOllamaModels(`http://127.0.0.1:${port}`).catch((caught: unknown) => caught);
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `ollama: could not connect to http://127.0.0.1:${port} (ECONNREFUSED); check that the server is running and the base URL is right`,
    );
  });
});
