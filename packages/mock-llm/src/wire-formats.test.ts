import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockLlm } from "./mock-llm-server.js";
import type { MockLlmServer, MockTurn } from "./mock-types.js";
import { decodeChunks, postJson, readChunks, readSse, sseJson } from "./test-support/http-helpers.js";

let server: MockLlmServer;
beforeEach(async () => {
  server = await startMockLlm();
});
afterEach(async () => {
  await server.close();
});

const toolTurn: MockTurn = {
  text: "Checking.",
  toolCalls: [{ id: "call_x", name: "Read", input: { file_path: "a.txt" }, chunks: ['{"file_path"', ':"a', '.txt"}'] }],
  usage: { input_tokens: 20, output_tokens: 9 },
};

describe("OpenAI chat completions", () => {
  it("streams a role chunk, content chunks, tool-call deltas, finish_reason, usage and [DONE]", async () => {
    server.script([toolTurn]);
    const response = await postJson(`${server.baseUrl}/v1/chat/completions`, {
      model: "gpt-4o",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "x" }],
    });
    expect(response.headers.get("x-request-id")).toBe("req_mock_1");
    const events = await readSse(response);
    expect(events.every((event) => event.event === undefined)).toBe(true);
    expect(events.at(-1)?.data).toBe("[DONE]");
    const chunks = sseJson(events) as Array<{ object: string; choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>; usage: unknown }>;
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "" });
    const toolDeltas = chunks.flatMap((chunk) => (chunk.choices[0]?.delta["tool_calls"] as unknown[] | undefined) ?? []);
    expect(toolDeltas).toEqual([
      { index: 0, id: "call_x", type: "function", function: { name: "Read", arguments: "" } },
      { index: 0, function: { arguments: '{"file_path"' } },
      { index: 0, function: { arguments: ':"a' } },
      { index: 0, function: { arguments: '.txt"}' } },
    ]);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("tool_calls");
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 } });
  });

  it("sends no usage chunk without stream_options.include_usage, and finish_reason length for max_tokens", async () => {
    server.script([{ text: "cut short", stopReason: "max_tokens" }]);
    const response = await postJson(`${server.baseUrl}/chat/completions`, { model: "m", stream: true, messages: [{ role: "user", content: "x" }] });
    const chunks = sseJson(await readSse(response)) as Array<Record<string, unknown> & { choices: Array<{ finish_reason: string | null }> }>;
    expect(chunks.some((chunk) => "usage" in chunk)).toBe(false);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("length");
  });
});

describe("OpenAI Responses", () => {
  it("streams the documented event sequence with increasing sequence numbers", async () => {
    server.script([toolTurn]);
    const response = await postJson(`${server.baseUrl}/v1/responses`, { model: "gpt-5", stream: true, input: "x" });
    expect(response.headers.get("x-request-id")).toBe("req_mock_1");
    const events = await readSse(response);
    const payloads = sseJson(events);
    expect(events.map((event) => event.event)).toEqual(payloads.map((payload) => payload["type"]));
    expect(payloads.map((payload) => payload["sequence_number"])).toEqual(payloads.map((_payload, position) => position));
    expect(payloads.map((payload) => payload["type"])).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
    const completed = payloads.at(-1) as { response: { status: string; output: unknown[]; usage: Record<string, unknown> } };
    expect(completed.response.status).toBe("completed");
    expect(completed.response.output[1]).toEqual({ type: "function_call", id: "fc_mock_1_0", call_id: "call_x", name: "Read", arguments: '{"file_path":"a.txt"}', status: "completed" });
    expect(completed.response.usage).toEqual({
      input_tokens: 20,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 9,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 29,
    });
  });

  it("answers without streaming with the response object, and marks max_tokens incomplete", async () => {
    server.script([{ text: "partial", stopReason: "max_tokens" }]);
    const response = await postJson(`${server.baseUrl}/v1/responses`, { model: "gpt-5", input: [{ role: "user", content: "x" }] });
    expect(await response.json()).toMatchObject({
      object: "response",
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      output: [{ type: "message", role: "assistant", content: [{ type: "output_text", text: "partial", annotations: [] }] }],
    });
  });

  it("rejects a body without input", async () => {
    const response = await postJson(`${server.baseUrl}/v1/responses`, { model: "gpt-5" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('mock-llm: POST /v1/responses: field "input" must be a string or an array');
  });
});

describe("Ollama", () => {
  it("streams NDJSON: content chunks, a tool_calls chunk with object arguments, then done with counts", async () => {
    server.script([toolTurn]);
    const response = await postJson(`${server.baseUrl}/api/chat`, { model: "qwen2.5-coder", messages: [{ role: "user", content: "x" }] });
    expect(response.headers.get("content-type")).toBe("application/x-ndjson");
    const lines = decodeChunks(await readChunks(response))
      .split("\n")
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown> & { message: Record<string, unknown>; done: boolean });
    expect(lines.slice(0, -1).every((line) => line.done === false && line["model"] === "qwen2.5-coder")).toBe(true);
    expect(lines.filter((line) => (line.message["content"] as string).length > 0).length).toBeGreaterThanOrEqual(2);
    expect(lines.find((line) => line.message["tool_calls"] !== undefined)?.message["tool_calls"]).toEqual([{ function: { name: "Read", arguments: { file_path: "a.txt" } } }]);
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: "stop", prompt_eval_count: 20, eval_count: 9, message: { role: "assistant", content: "" } });
  });

  it("answers stream:false with one object", async () => {
    server.script([{ text: "whole answer" }]);
    const response = await postJson(`${server.baseUrl}/api/chat`, { model: "llama3.1", stream: false, messages: [{ role: "user", content: "x" }] });
    expect(await response.json()).toMatchObject({ model: "llama3.1", message: { role: "assistant", content: "whole answer" }, done: true, done_reason: "stop" });
    expect(server.requests[0]?.stream).toBe(false);
  });

  it("lists models on GET /api/tags", async () => {
    const response = await fetch(`${server.baseUrl}/api/tags`);
    const body = (await response.json()) as { models: Array<Record<string, unknown>> };
    expect(body.models.length).toBeGreaterThan(0);
    for (const model of body.models) {
      expect(Object.keys(model).sort()).toEqual(["details", "digest", "model", "modified_at", "name", "size"]);
      expect(model["details"]).toMatchObject({ format: "gguf", family: expect.any(String), parameter_size: expect.any(String) });
    }
    expect(body.models.map((model) => model["name"])).toContain("qwen2.5-coder:latest");
  });
});
