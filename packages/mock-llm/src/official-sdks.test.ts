import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockLlm } from "./mock-llm-server.js";
import type { MockLlmServer, MockTurn } from "./mock-types.js";

let server: MockLlmServer;
beforeEach(async () => {
  server = await startMockLlm();
});
afterEach(async () => {
  await server.close();
});

const richTurn: MockTurn = {
  thinking: "Consider the fixture first.",
  text: "Looking at fixture.txt — naïve ✓ ",
  toolCalls: [
    { id: "toolu_one", name: "Read", input: { file_path: "fixture.txt" } },
    { id: "toolu_two", name: "Grep", input: { pattern: "parity", path: "fixture.txt", output_mode: "count" }, chunks: ['{"pattern":"par', 'ity","path":"fixture.txt"', ',"output_mode":"count"}'] },
  ],
  usage: { input_tokens: 12, output_tokens: 34, cache_read_input_tokens: 5 },
  chunkDelayMs: 1,
};

describe("the official Anthropic SDK", () => {
  it("parses the stream into the final message, thinking, text and tool inputs included", async () => {
    server.script([richTurn]);
    const client = new Anthropic({ apiKey: "test-key", baseURL: server.baseUrl, maxRetries: 0 });
    const stream = client.messages.stream({ model: "claude-sonnet-4-6", max_tokens: 256, messages: [{ role: "user", content: "go" }] });
    const jsonDeltas: string[] = [];
    stream.on("inputJson", (partial) => jsonDeltas.push(partial));
    const message = await stream.finalMessage();
    const [thinking, text, read, grep] = message.content;
    expect(message.content).toHaveLength(4);
    expect(thinking).toMatchObject({ type: "thinking", thinking: "Consider the fixture first." });
    expect(thinking?.type === "thinking" && thinking.signature.length > 0).toBe(true);
    expect(text).toMatchObject({ type: "text", text: "Looking at fixture.txt — naïve ✓ " });
    expect(read).toEqual({ type: "tool_use", id: "toolu_one", name: "Read", input: { file_path: "fixture.txt" } });
    expect(grep).toEqual({ type: "tool_use", id: "toolu_two", name: "Grep", input: { pattern: "parity", path: "fixture.txt", output_mode: "count" } });
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toEqual(expect.objectContaining({ input_tokens: 12, output_tokens: 34, cache_read_input_tokens: 5 }));
    expect(jsonDeltas).toContain('{"pattern":"par');
  });

  it("parses a non-streaming message and a count_tokens answer", async () => {
    server.script([{ text: "plain reply" }]);
    const client = new Anthropic({ apiKey: "test-key", baseURL: server.baseUrl, maxRetries: 0 });
    const message = await client.messages.create({ model: "claude-haiku-4-5", max_tokens: 16, messages: [{ role: "user", content: "hi" }] });
    expect(message.content).toEqual([{ type: "text", text: "plain reply" }]);
    const counted = await client.messages.countTokens({ model: "claude-haiku-4-5", messages: [{ role: "user", content: "hi" }] });
    expect(counted.input_tokens).toBeGreaterThan(0);
  });

  it("surfaces a scripted 529 as an SDK error with the status", async () => {
    server.failNext({ status: 529 });
    const client = new Anthropic({ apiKey: "test-key", baseURL: server.baseUrl, maxRetries: 0 });
    await expect(client.messages.create({ model: "m", max_tokens: 1, messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({
      status: 529,
      error: { type: "error", error: { type: "overloaded_error" } },
    });
  });
});

describe("the official OpenAI SDK", () => {
  it("accumulates a chat completion stream with tool calls and usage", async () => {
    server.script([richTurn]);
    const client = new OpenAI({ apiKey: "test-key", baseURL: `${server.baseUrl}/v1`, maxRetries: 0 });
    const stream = client.chat.completions.stream({
      model: "gpt-4o",
      messages: [{ role: "user", content: "go" }],
      stream_options: { include_usage: true },
    });
    const completion = await stream.finalChatCompletion();
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.content).toBe("Looking at fixture.txt — naïve ✓ ");
    expect(choice?.message.tool_calls?.map((call) => (call.type === "function" ? [call.id, call.function.name, call.function.arguments] : []))).toEqual([
      ["toolu_one", "Read", '{"file_path":"fixture.txt"}'],
      ["toolu_two", "Grep", '{"pattern":"parity","path":"fixture.txt","output_mode":"count"}'],
    ]);
    expect(completion.usage).toEqual(expect.objectContaining({ prompt_tokens: 17, completion_tokens: 34, prompt_tokens_details: { cached_tokens: 5 } }));
  });

  it("accumulates a Responses stream with function calls as top-level output items", async () => {
    server.script([richTurn]);
    const client = new OpenAI({ apiKey: "test-key", baseURL: `${server.baseUrl}/v1`, maxRetries: 0 });
    const stream = client.responses.stream({ model: "gpt-5-codex", input: "go" });
    const response = await stream.finalResponse();
    expect(response.status).toBe("completed");
    expect(response.output_text).toBe("Looking at fixture.txt — naïve ✓ ");
    const calls = response.output.filter((item) => item.type === "function_call");
    expect(calls.map((call) => [call.call_id, call.name, call.arguments])).toEqual([
      ["toolu_one", "Read", '{"file_path":"fixture.txt"}'],
      ["toolu_two", "Grep", '{"pattern":"parity","path":"fixture.txt","output_mode":"count"}'],
    ]);
    expect(response.usage).toEqual(expect.objectContaining({ input_tokens: 17, output_tokens: 34, input_tokens_details: { cached_tokens: 5 } }));
  });

  it("parses non-streaming chat and Responses answers", async () => {
    server.script([{ text: "chat reply" }, { text: "responses reply" }]);
    const client = new OpenAI({ apiKey: "test-key", baseURL: `${server.baseUrl}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });
    expect(completion.choices[0]?.message.content).toBe("chat reply");
    const response = await client.responses.create({ model: "gpt-5", input: "hi" });
    expect(response.output_text).toBe("responses reply");
  });

  it("surfaces a scripted 429 with retry-after as a rate-limit error", async () => {
    server.failNext({ status: 429, headers: { "retry-after": "7" } });
    const client = new OpenAI({ apiKey: "test-key", baseURL: `${server.baseUrl}/v1`, maxRetries: 0 });
    const failure = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "x" }] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.RateLimitError);
    expect((failure as InstanceType<typeof OpenAI.RateLimitError>).headers.get("retry-after")).toBe("7");
  });
});
