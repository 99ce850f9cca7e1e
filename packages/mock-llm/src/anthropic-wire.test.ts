import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockLlm } from "./mock-llm-server.js";
import type { MockLlmServer } from "./mock-types.js";
import { decodeChunks, parseSse, postJson, readChunks, readSse, sseJson } from "./test-support/http-helpers.js";

let server: MockLlmServer;
beforeEach(async () => {
  server = await startMockLlm();
});
afterEach(async () => {
  await server.close();
});

const userMessage = (text: string) => ({ model: "claude-sonnet-4-6", max_tokens: 64, messages: [{ role: "user", content: text }] });

describe("Anthropic Messages", () => {
  it("streams message_start, ping, text deltas, message_delta and message_stop", async () => {
    server.script([{ text: "Hello there, streaming world", usage: { input_tokens: 7, output_tokens: 4 } }]);
    const response = await postJson(`${server.baseUrl}/v1/messages`, { ...userMessage("hi"), stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("request-id")).toBe("req_mock_1");
    const events = await readSse(response);
    const types = events.map((event) => event.event);
    expect(types[0]).toBe("message_start");
    expect(types[1]).toBe("ping");
    expect(types.slice(-2)).toEqual(["message_delta", "message_stop"]);
    const payloads = sseJson(events);
    for (const [position, payload] of payloads.entries()) expect(payload["type"]).toBe(types[position]);
    const start = payloads[0] as { message: { usage: { input_tokens: number }; model: string; role: string } };
    expect(start.message.usage.input_tokens).toBe(7);
    expect(start.message.model).toBe("claude-sonnet-4-6");
    const deltas = payloads.filter((payload) => payload["type"] === "content_block_delta").map((payload) => (payload["delta"] as { text: string }).text);
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.join("")).toBe("Hello there, streaming world");
    const messageDelta = payloads.at(-2) as { delta: { stop_reason: string }; usage: { output_tokens: number } };
    expect(messageDelta.delta.stop_reason).toBe("end_turn");
    expect(messageDelta.usage.output_tokens).toBe(4);
  });

  it("streams tool input JSON in the given chunks, and thinking with a signature", async () => {
    server.script([
      {
        thinking: "Let me look at the file.",
        text: "Reading it now.",
        toolCalls: [{ id: "toolu_a", name: "Read", input: { file_path: "a.txt" }, chunks: ['{"file_', 'path":"a', '.txt"}'] }],
      },
    ]);
    const payloads = sseJson(await readSse(await postJson(`${server.baseUrl}/v1/messages`, { ...userMessage("read"), stream: true })));
    const starts = payloads.filter((payload) => payload["type"] === "content_block_start").map((payload) => payload["content_block"]);
    expect(starts).toEqual([
      { type: "thinking", thinking: "", signature: "" },
      { type: "text", text: "" },
      { type: "tool_use", id: "toolu_a", name: "Read", input: {} },
    ]);
    const deltas = payloads.filter((payload) => payload["type"] === "content_block_delta").map((payload) => payload["delta"] as Record<string, string>);
    expect(deltas.filter((delta) => delta["type"] === "input_json_delta").map((delta) => delta["partial_json"])).toEqual(['{"file_', 'path":"a', '.txt"}']);
    expect(deltas.filter((delta) => delta["type"] === "thinking_delta").map((delta) => delta["thinking"]).join("")).toBe("Let me look at the file.");
    expect(deltas.some((delta) => delta["type"] === "signature_delta" && (delta["signature"] ?? "").length > 0)).toBe(true);
    expect((payloads.at(-2) as { delta: { stop_reason: string } }).delta.stop_reason).toBe("tool_use");
  });

  it("splits tool JSON into several pieces when no chunks are given", async () => {
    server.script([{ toolCalls: [{ name: "Grep", input: { pattern: "alpha", path: "src" } }] }]);
    const payloads = sseJson(await readSse(await postJson(`${server.baseUrl}/v1/messages`, { ...userMessage("grep"), stream: true })));
    const pieces = payloads
      .filter((payload) => payload["type"] === "content_block_delta")
      .map((payload) => (payload["delta"] as { partial_json: string }).partial_json);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(pieces.join(""))).toEqual({ pattern: "alpha", path: "src" });
    const start = payloads.find((payload) => payload["type"] === "content_block_start") as { content_block: { id: string } };
    expect(start.content_block.id).toMatch(/^toolu_mock_/);
  });

  it("answers a non-streaming request with the whole message", async () => {
    server.script([{ text: "All done.", toolCalls: [{ id: "toolu_b", name: "Bash", input: { command: "ls" } }], usage: { input_tokens: 3, output_tokens: 2, cache_read_input_tokens: 5 } }]);
    const response = await postJson(`${server.baseUrl}/v1/messages`, userMessage("run"));
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({
      id: "msg_mock_1",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-6",
      content: [
        { type: "text", text: "All done." },
        { type: "tool_use", id: "toolu_b", name: "Bash", input: { command: "ls" } },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 3, output_tokens: 2, cache_creation_input_tokens: 0, cache_read_input_tokens: 5 },
    });
  });

  it("writes frames holding a multi-byte character in two slices split inside it", async () => {
    server.script([{ text: ["héllo ", "wörld ✓"], chunkDelayMs: 20 }]);
    const response = await postJson(`${server.baseUrl}/v1/messages`, { ...userMessage("utf8"), stream: true });
    const chunks = await readChunks(response);
    const brokenChunk = chunks.some((chunk) => {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(chunk);
        return false;
      } catch {
        return true;
      }
    });
    expect(brokenChunk).toBe(true);
    const deltas = sseJson(parseSse(decodeChunks(chunks)))
      .filter((payload) => payload["type"] === "content_block_delta")
      .map((payload) => (payload["delta"] as { text: string }).text);
    expect(deltas).toEqual(["héllo ", "wörld ✓"]);
  });

  it("counts tokens", async () => {
    const response = await postJson(`${server.baseUrl}/v1/messages/count_tokens`, userMessage("count these tokens please"));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { input_tokens: number };
    expect(body.input_tokens).toBeGreaterThan(0);
    expect(server.requests[0]?.path).toBe("/v1/messages/count_tokens");
  });

  it("rejects a body without messages with an Anthropic error naming the field", async () => {
    const response = await postJson(`${server.baseUrl}/v1/messages`, { model: "x", max_tokens: 1 });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      type: "error",
      error: { type: "invalid_request_error", message: 'mock-llm: POST /v1/messages: field "messages" must be an array' },
    });
  });
});
