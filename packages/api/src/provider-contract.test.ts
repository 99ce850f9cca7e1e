import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  AbortedError,
  AuthError,
  ContextWindowExceededError,
  OverloadedError,
  RateLimitError,
  RetriesExhaustedError,
  ServerError,
  StreamIdleTimeoutError,
  StreamInterruptedError,
} from "./errors.js";
import { collectStream, MessageAccumulator } from "./message-accumulator.js";
import type { ClientRequest } from "./provider-client.js";
import type { StreamEvent } from "./stream-events.js";
import {
  collectEvents,
  makeTempConfigHome,
  makeTestClient,
  MOCK_PROVIDER_CASES,
} from "./test-support/mock-providers.js";

const request: ClientRequest = {
  max_tokens: 256,
  system: "You are terse.",
  messages: [{ role: "user", content: "hello" }],
  tools: [{ name: "Grep", description: "Search", input_schema: { type: "object", properties: { pattern: { type: "string" } } } }],
};

const grepChunks = ['{"pattern":"par', 'ity","path":"fixture.txt"', ',"output_mode":"count"}'];
const grepInput = { pattern: "parity", path: "fixture.txt", output_mode: "count" };

/** A context-window error body in each wire format's own words. */
const contextWindowBodies: Record<string, unknown> = {
  anthropic: { type: "error", error: { type: "invalid_request_error", message: "prompt is too long: 210000 tokens > 200000 maximum" } },
  openai: { error: { message: "This model's maximum context length is 128000 tokens.", type: "invalid_request_error", code: "context_length_exceeded" } },
  xai: { error: "This model's maximum prompt length is 131072 but the request contains 140000 tokens." },
  "openai-compatible": { error: { message: "the request exceeds the available context size, try increasing it", type: "exceed_context_size_error" } },
  "openai-responses": { error: { message: "Your input exceeds the context window of this model.", type: "invalid_request_error", code: "context_length_exceeded" } },
  ollama: { error: "input length exceeds the context length" },
};

let mock: MockLlmServer;
const home = makeTempConfigHome();

beforeAll(async () => {
  mock = await startMockLlm();
});
afterEach(() => mock.reset());
afterAll(async () => {
  await mock.close();
  home.remove();
});

describe.each(MOCK_PROVIDER_CASES)("$label against mock-llm", (testCase) => {
  const make = (overrides: Parameters<typeof makeTestClient>[3] = {}) =>
    makeTestClient(testCase, mock.baseUrl, home.path, overrides);

  it("streams text", async () => {
    mock.script([{ text: ["Hello ", "wörld 🎉"], usage: { input_tokens: 12, output_tokens: 5 } }]);
    const { client } = make();
    expect(client.provider).toBe(testCase.provider);
    const events = await collectEvents(client.stream(request));
    expect(events[0]?.type).toBe("message_start");
    expect(events.at(-1)?.type).toBe("message_stop");
    const message = await collectStream((async function* () { yield* events; })());
    expect(message.content).toEqual([{ type: "text", text: "Hello wörld 🎉" }]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage.input_tokens).toBe(12);
    expect(message.usage.output_tokens).toBe(5);
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.stream).toBe(true);
  });

  it("assembles a tool call streamed in pieces", async () => {
    mock.script([{ toolCalls: [{ id: "toolu_grep", name: "Grep", input: grepInput, chunks: grepChunks }] }]);
    const { client } = make();
    const accumulator = new MessageAccumulator();
    for await (const event of client.stream(request)) accumulator.push(event);
    const message = accumulator.finish();
    expect(message.stop_reason).toBe("tool_use");
    const block = message.content.find((candidate) => candidate.type === "tool_use");
    expect(block).toMatchObject({ type: "tool_use", name: "Grep", input: grepInput });
    if (block?.type !== "tool_use") throw new Error("no tool_use block");
    if (testCase.keepsToolIds) expect(block.id).toBe("toolu_grep");
    else expect(block.id).toMatch(/^call_/);
    expect(accumulator.toolInputJson(block.id)).toBe(grepChunks.join(""));
  });

  it("keeps two tool calls of one message in order", async () => {
    mock.script([
      {
        text: "Checking.",
        toolCalls: [
          { id: "toolu_multi_read", name: "Read", input: { file_path: "fixture.txt" } },
          { id: "toolu_multi_grep", name: "Grep", input: grepInput, chunks: grepChunks },
        ],
      },
    ]);
    const { client } = make();
    const message = await collectStream(client.stream(request));
    const tools = message.content.filter((block) => block.type === "tool_use");
    expect(tools.map((block) => [block.name, block.input])).toEqual([
      ["Read", { file_path: "fixture.txt" }],
      ["Grep", grepInput],
    ]);
    if (testCase.keepsToolIds) expect(tools.map((block) => block.id)).toEqual(["toolu_multi_read", "toolu_multi_grep"]);
    expect(new Set(tools.map((block) => block.id)).size).toBe(2);
    expect(message.content[0]).toEqual({ type: "text", text: "Checking." });
  });

  it("reports usage, with cache reads apart from input", async () => {
    mock.script([{ text: "ok", usage: { input_tokens: 1000, output_tokens: 500, cache_read_input_tokens: 200 } }]);
    const { client } = make();
    const message = await collectStream(client.stream(request));
    expect(message.usage.output_tokens).toBe(500);
    if (testCase.reportsCacheReads) {
      expect(message.usage.input_tokens).toBe(1000);
      expect(message.usage.cache_read_input_tokens).toBe(200);
    } else {
      expect(message.usage.input_tokens).toBeGreaterThanOrEqual(1000);
    }
  });

  it("sends a non-streaming request", async () => {
    mock.script([{ text: "plain reply", toolCalls: [{ id: "toolu_x", name: "Read", input: { file_path: "a" } }] }]);
    const { client } = make();
    const message = await client.send(request);
    expect(message.content[0]).toEqual({ type: "text", text: "plain reply" });
    expect(message.content[1]).toMatchObject({ type: "tool_use", name: "Read", input: { file_path: "a" } });
    expect(message.stop_reason).toBe("tool_use");
    expect(mock.requests[0]?.stream).toBe(false);
  });

  it("raises AuthError on 401 without retrying", async () => {
    mock.failNext({ status: 401 });
    const { client, sleeps } = make();
    const error = await collectEvents(client.stream(request)).catch((caught: unknown) => caught);
    expect(AuthError.isInstance(error)).toBe(true);
    expect((error as AuthError).status).toBe(401);
    expect((error as AuthError).provider).toBe(testCase.provider);
    expect((error as AuthError).requestId).toBe("req_mock_1");
    expect((error as Error).message).toMatch(new RegExp(`^${testCase.provider}: 401 [^:]+: .*\\(request req_mock_1\\); check `));
    expect(sleeps).toEqual([]);
    expect(mock.requests).toHaveLength(1);
  });

  it("honours retry-after on 429 and then succeeds", async () => {
    mock.failNext({ status: 429, headers: { "retry-after": "2" } });
    mock.script([{ text: "after the wait" }]);
    const { client, sleeps, telemetry } = make();
    const message = await collectStream(client.stream(request));
    expect(message.content).toEqual([{ type: "text", text: "after the wait" }]);
    expect(sleeps).toEqual([2000]);
    const failed = telemetry.ofType("http_request_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempt: 1, status: 429, retryable: true, sessionId: "session-test" });
    expect(telemetry.ofType("http_request_succeeded")[0]).toMatchObject({ attempt: 2, status: 200, requestId: "req_mock_2" });
  });

  it("gives up on 429 after three attempts with the reset time", async () => {
    mock.failNext({ status: 429, headers: { "retry-after": "1" }, times: 3 });
    const { client, sleeps } = make();
    const error = await client.send(request).catch((caught: unknown) => caught);
    expect(RetriesExhaustedError.isInstance(error)).toBe(true);
    const exhausted = error as RetriesExhaustedError;
    expect(exhausted.attempts).toBe(3);
    expect(RateLimitError.isInstance(exhausted.lastError)).toBe(true);
    expect((exhausted.lastError as RateLimitError).resetAt).toBeInstanceOf(Date);
    expect(sleeps).toEqual([1000, 1000]);
    expect(mock.requests).toHaveLength(3);
  });

  it("recognises a context-window overflow", async () => {
    mock.failNext({ status: 400, body: contextWindowBodies[testCase.provider] });
    const { client } = make();
    const error = await collectEvents(client.stream(request)).catch((caught: unknown) => caught);
    expect(ContextWindowExceededError.isInstance(error)).toBe(true);
    expect((error as ContextWindowExceededError).retryable).toBe(false);
  });

  it("retries 500 with backoff and succeeds on the third attempt", async () => {
    mock.failNext({ status: 500, times: 2 });
    mock.script([{ text: "third time" }]);
    const { client, sleeps, telemetry } = make();
    const message = await collectStream(client.stream(request));
    expect(message.content).toEqual([{ type: "text", text: "third time" }]);
    expect(sleeps).toEqual([500, 1000]);
    expect(telemetry.ofType("http_request_started").map((event) => event.attempt)).toEqual([1, 2, 3]);
  });

  it("raises ServerError when retries are off", async () => {
    mock.failNext({ status: 500 });
    const { client } = make({ retry: { maxRetries: 0 } });
    const error = await client.send(request).catch((caught: unknown) => caught);
    expect(ServerError.isInstance(error)).toBe(true);
    expect(RetriesExhaustedError.isInstance(error)).toBe(false);
  });

  it("classifies 529 as overloaded and retryable", async () => {
    mock.failNext({ status: 529, times: 3 });
    const { client } = make();
    const error = (await client.send(request).catch((caught: unknown) => caught)) as RetriesExhaustedError;
    expect(RetriesExhaustedError.isInstance(error)).toBe(true);
    expect(OverloadedError.isInstance(error.lastError)).toBe(true);
    expect(error.lastError.status).toBe(529);
  });

  it("retries a stream cut before its first event", async () => {
    mock.cutNextStream({ kind: "cut", afterEvents: 0 });
    mock.script([{ text: "cut" }, { text: "second try" }]);
    const { client } = make();
    const message = await collectStream(client.stream(request));
    expect(message.content).toEqual([{ type: "text", text: "second try" }]);
    expect(mock.requests).toHaveLength(2);
  });

  it("raises StreamInterruptedError, saying what was received, when a stream is cut after content", async () => {
    // whole frames up to the first text delta, then half of the next one
    mock.cutNextStream({ kind: "cut", afterEvents: testCase.firstTextFrame + 1 });
    mock.script([{ text: ["one ", "two ", "three ", "four ", "five"] }]);
    const { client, sleeps } = make();
    const events: StreamEvent[] = [];
    const error = await (async () => {
      for await (const event of client.stream(request)) events.push(event);
    })().catch((caught: unknown) => caught);
    expect(StreamInterruptedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      new RegExp(`^${testCase.provider}: stream cut after 1 content block \\(4 characters of text\\) — not retried, since part of the reply was already shown \\(.+\\) \\(request req_mock_1\\)$`),
    );
    expect(events[0]?.type).toBe("message_start");
    expect(events.filter((event) => event.type === "content_block_start")).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(mock.requests).toHaveLength(1);
  });

  it("abandons a stream that stalls after content once the idle timeout passes", async () => {
    mock.cutNextStream({ kind: "stall", afterEvents: testCase.firstTextFrame + 1 });
    mock.script([{ text: ["one ", "two ", "three"] }]);
    const { client } = make({ idleTimeoutMs: 300 });
    const started = Date.now();
    const error = await collectEvents(client.stream(request)).catch((caught: unknown) => caught);
    expect(StreamIdleTimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("no data for 300 ms");
    expect((error as Error).message).toContain("stream stalled after 1 content block (4 characters of text) — not retried");
    expect(Date.now() - started).toBeLessThan(3000);
    expect(mock.requests).toHaveLength(1);
  });

  it("aborts promptly while waiting for the response", async () => {
    mock.script([{ text: "late", delayMs: 5000 }]);
    const { client } = make();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await collectEvents(client.stream(request, { signal: controller.signal })).catch((caught: unknown) => caught);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("aborts promptly in the middle of a stream", async () => {
    mock.script([{ text: ["a", "b", "c", "d", "e", "f"], chunkDelayMs: 200 }]);
    const { client } = make();
    const controller = new AbortController();
    let abortedAt = 0;
    const error = await (async () => {
      for await (const event of client.stream(request, { signal: controller.signal })) {
        if (event.type === "content_block_delta" && abortedAt === 0) {
          abortedAt = Date.now();
          controller.abort();
        }
      }
    })().catch((caught: unknown) => caught);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(Date.now() - abortedAt).toBeLessThan(150);
  });

  it("aborts a non-streaming request", async () => {
    mock.script([{ text: "late", delayMs: 5000 }]);
    const { client } = make();
    const error = await client.send(request, { signal: AbortSignal.timeout(50) }).catch((caught: unknown) => caught);
    expect(AbortedError.isInstance(error)).toBe(true);
  });
});
