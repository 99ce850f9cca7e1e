import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ServerError, StreamInterruptedError } from "../../errors.js";
import { MessageAccumulator } from "../../message-accumulator.js";
import type { MessageRequest } from "../../message-model.js";
import type { StreamEvent } from "../../stream-events.js";
import { iterate, normalizeGeneratedIds, randomChunks } from "../../test-support/chunking.js";
import { chatCompletionsUrl } from "./create-openai-chat-client.js";
import { translateOpenAiChatStream } from "./openai-chat-stream.js";
import { translateOpenAiChatRequest, translateOpenAiChatResponse } from "./openai-chat-translate.js";
import { openaiChatResponseSchema } from "./openai-chat-wire.js";

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

async function eventsOf(text: string, seed: number, provider: "openai" | "xai" | "openai-compatible" = "openai") {
  const events: StreamEvent[] = [];
  const stream = translateOpenAiChatStream(iterate(randomChunks(text, seed)), { provider, model: "gpt-4o" }, "req_9");
  for await (const event of stream) events.push(event);
  return events;
}

function assemble(events: StreamEvent[]) {
  const accumulator = new MessageAccumulator();
  for (const event of events) accumulator.push(event);
  return { message: accumulator.finish(), accumulator };
}

const history: MessageRequest = {
  model: "gpt-4o",
  max_tokens: 500,
  system: [{ type: "text", text: "Be brief." }, { type: "text", text: "Use tools." }],
  messages: [
    { role: "user", content: "read it" },
    {
      role: "assistant",
      content: [
        { type: "text", text: "Reading." },
        { type: "thinking", thinking: "hidden", signature: "s" },
        { type: "tool_use", id: "toolu_a", name: "Read", input: { file_path: "a.txt" } },
        { type: "tool_use", id: "toolu_b", name: "Grep", input: { pattern: "x" } },
      ],
    },
    {
      role: "user",
      content: [
        { type: "tool_result", tool_use_id: "toolu_a", content: "line 1" },
        { type: "tool_result", tool_use_id: "toolu_b", content: [{ type: "json", value: { matches: 2 } }], is_error: true },
        { type: "text", text: "and this picture" },
        { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBOR" } },
      ],
    },
  ],
  tools: [{ name: "Read", description: "read a file", input_schema: { type: "object" } }],
  tool_choice: { type: "any", disable_parallel_tool_use: true },
  metadata: { user_id: "u1" },
};

describe("OpenAI chat request translation", () => {
  it("maps history, tool calls, tool results and images", () => {
    const body = translateOpenAiChatRequest(history, true);
    expect(body.messages).toEqual([
      { role: "system", content: "Be brief.\n\nUse tools." },
      { role: "user", content: "read it" },
      {
        role: "assistant",
        content: "Reading.",
        tool_calls: [
          { id: "toolu_a", type: "function", function: { name: "Read", arguments: '{"file_path":"a.txt"}' } },
          { id: "toolu_b", type: "function", function: { name: "Grep", arguments: '{"pattern":"x"}' } },
        ],
      },
      { role: "tool", tool_call_id: "toolu_a", content: "line 1" },
      { role: "tool", tool_call_id: "toolu_b", content: 'Error: {"matches":2}' },
      {
        role: "user",
        content: [
          { type: "text", text: "and this picture" },
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBOR" } },
        ],
      },
    ]);
    expect(body).toMatchObject({
      max_tokens: 500,
      stream: true,
      stream_options: { include_usage: true },
      tool_choice: "required",
      parallel_tool_calls: false,
      user: "u1",
      tools: [{ type: "function", function: { name: "Read", description: "read a file", parameters: { type: "object" } } }],
    });
    expect(body.max_completion_tokens).toBeUndefined();
  });

  it.each(["gpt-5", "gpt-5-mini", "o1", "o3-mini", "o4-mini"])("uses max_completion_tokens for %s", (model) => {
    const body = translateOpenAiChatRequest({ ...history, model }, false);
    expect(body.max_completion_tokens).toBe(500);
    expect(body.max_tokens).toBeUndefined();
    expect(body.stream).toBeUndefined();
  });

  it("maps tool_choice forms", () => {
    expect(translateOpenAiChatRequest({ ...history, tool_choice: { type: "auto" } }, false).tool_choice).toBe("auto");
    expect(translateOpenAiChatRequest({ ...history, tool_choice: { type: "none" } }, false).tool_choice).toBe("none");
    expect(translateOpenAiChatRequest({ ...history, tool_choice: { type: "tool", name: "Read" } }, false).tool_choice).toEqual({
      type: "function",
      function: { name: "Read" },
    });
  });

  it("builds the URL without doubling /v1", () => {
    expect(chatCompletionsUrl("https://api.openai.com/v1")).toBe("https://api.openai.com/v1/chat/completions");
    expect(chatCompletionsUrl("http://localhost:1234/v1/")).toBe("http://localhost:1234/v1/chat/completions");
    expect(chatCompletionsUrl("https://openrouter.ai/api/v1/chat/completions")).toBe(
      "https://openrouter.ai/api/v1/chat/completions",
    );
  });
});

describe("OpenAI chat response translation", () => {
  it("maps a non-streaming completion", () => {
    const response = openaiChatResponseSchema.parse({
      id: "chatcmpl-1",
      object: "chat.completion",
      model: "gpt-4o",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "call_1", type: "function", function: { name: "Read", arguments: '{"file_path":"a"}' } }],
          },
          finish_reason: "tool_calls",
        },
      ],
      usage: { prompt_tokens: 100, completion_tokens: 7, prompt_tokens_details: { cached_tokens: 60 } },
    });
    expect(translateOpenAiChatResponse(response, "gpt-4o")).toEqual({
      id: "chatcmpl-1",
      type: "message",
      role: "assistant",
      model: "gpt-4o",
      content: [{ type: "tool_use", id: "call_1", name: "Read", input: { file_path: "a" } }],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 40, output_tokens: 7, cache_creation_input_tokens: 0, cache_read_input_tokens: 60 },
    });
  });

  it.each([
    ["stop", "end_turn"],
    ["length", "max_tokens"],
    ["content_filter", "refusal"],
  ])("maps finish_reason %s to %s", (finish, stop) => {
    const response = openaiChatResponseSchema.parse({
      choices: [{ message: { content: "x" }, finish_reason: finish }],
    });
    expect(translateOpenAiChatResponse(response, "m").stop_reason).toBe(stop);
  });
});

describe("OpenAI chat stream translation (recorded fixtures)", () => {
  it("assembles text and two parallel tool calls by index, however the bytes are cut", async () => {
    const text = fixture("parallel-tool-calls.sse");
    const reference = await eventsOf(text, 1);
    for (let seed = 2; seed < 30; seed++) expect(await eventsOf(text, seed)).toEqual(reference);
    const { message, accumulator } = assemble(reference);
    expect(message.content).toEqual([
      { type: "text", text: "Looking — ça marche ✓" },
      { type: "tool_use", id: "call_DdmO9pD3xa9XTPNJ32zg2hcA", name: "Read", input: { file_path: "fixture.txt" } },
      {
        type: "tool_use",
        id: "call_Lq2Hk1Uu0nX4Xb5eNpwR7Yt9",
        name: "Grep",
        input: { pattern: "parity", path: "fixture.txt", output_mode: "count" },
      },
    ]);
    expect(accumulator.toolInputJson("call_Lq2Hk1Uu0nX4Xb5eNpwR7Yt9")).toBe(
      '{"pattern":"parity","path":"fixture.txt","output_mode":"count"}',
    );
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toEqual({
      input_tokens: 296,
      output_tokens: 58,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 1024,
    });
    // The text block closes before the first tool block starts.
    const order = reference.filter((event) => event.type === "content_block_start" || event.type === "content_block_stop");
    expect(order.slice(0, 2)).toEqual([
      { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      { type: "content_block_stop", index: 0 },
    ]);
  });

  it("handles CRLF, reasoning, a name streamed in pieces and missing tool ids (local servers)", async () => {
    const text = fixture("compatible-no-ids-crlf.sse");
    const reference = await eventsOf(text, 1, "openai-compatible");
    for (let seed = 2; seed < 30; seed++) {
      expect(normalizeGeneratedIds(await eventsOf(text, seed, "openai-compatible"))).toEqual(normalizeGeneratedIds(reference));
    }
    const { message } = assemble(reference);
    expect(message.content[0]).toEqual({ type: "thinking", thinking: "Need the file. Call Read.", signature: "" });
    expect(message.content[1]).toMatchObject({ type: "tool_use", name: "Read", input: { file_path: "a.txt" } });
    expect((message.content[1] as { id: string }).id).toMatch(/^call_/);
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage.input_tokens).toBe(50);
  });

  it("turns an in-stream error into a typed error", async () => {
    const error = await eventsOf(fixture("error-mid-stream.sse"), 5, "xai").catch((caught: unknown) => caught);
    expect(ServerError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^xai: stream error: \S+: /);
  });

  it("reports a stream that ends without a finish_reason", async () => {
    const error = await eventsOf(fixture("ended-early.sse"), 6).catch((caught: unknown) => caught);
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
  });
});
