// Provider faults against @axion/mock-llm on 127.0.0.1, for every wire format: streams that break before any
// content are retried, after content they say what was received; ping-only and trickling streams are bounded;
// errors name status, type and request id; a 2xx of the wrong media type says what arrived; onRetry hears waits.
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createProviderClient } from "./create-provider-client.js";
import { ApiError, RequestTimeoutError, RetriesExhaustedError, StreamIdleTimeoutError } from "./errors.js";
import { collectStream } from "./message-accumulator.js";
import type { ClientRequest, RetryInfo } from "./provider-client.js";
import type { StreamEvent } from "./stream-events.js";
import { collectEvents, makeTempConfigHome, makeTestClient, MOCK_PROVIDER_CASES } from "./test-support/mock-providers.js";

const request: ClientRequest = { max_tokens: 256, messages: [{ role: "user", content: "hello" }] };

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

async function failureOf(iterable: AsyncIterable<StreamEvent>): Promise<{ error: unknown; events: StreamEvent[] }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of iterable) events.push(event);
  } catch (error) {
    return { error, events };
  }
  return { error: undefined, events };
}

describe.each(MOCK_PROVIDER_CASES)("$label: provider faults", (testCase) => {
  const make = (overrides: Parameters<typeof makeTestClient>[3] = {}) => {
    const retries: RetryInfo[] = [];
    const made = makeTestClient(testCase, mock.baseUrl, home.path, { onRetry: (info) => retries.push(info), ...overrides });
    return { ...made, retries };
  };
  const provider = testCase.provider;

  it("retries a stream cut before its first content block, and the caller sees one clean reply", async () => {
    mock.cutNextStream({ kind: "cut", afterEvents: testCase.firstContentFrame });
    mock.script([{ text: "lost" }, { text: ["second ", "try"] }]);
    const { client, sleeps, retries } = make();
    const events = await collectEvents(client.stream(request));
    expect(events.filter((event) => event.type === "message_start")).toHaveLength(1);
    const message = await collectStream((async function* () { yield* events; })());
    expect(message.content).toEqual([{ type: "text", text: "second try" }]);
    expect(mock.requests).toHaveLength(2);
    expect(sleeps).toEqual([500]);
    expect(retries).toEqual([{ provider, attempt: 2, maxAttempts: 3, waitMs: 500, reason: "connection failed", requestId: "req_mock_1" }]);
  });

  it("retries a stream that ends cleanly before any content", async () => {
    mock.cutNextStream({ kind: "end", afterEvents: testCase.firstContentFrame });
    mock.script([{ text: "lost" }, { text: "whole" }]);
    const { client, retries } = make();
    const message = await collectStream(client.stream(request));
    expect(message.content).toEqual([{ type: "text", text: "whole" }]);
    expect(retries.map((info) => info.reason)).toEqual(["the stream ended before any content"]);
  });

  it("gives up after the attempt budget when every stream breaks before content", async () => {
    mock.cutNextStream({ kind: "cut", afterEvents: testCase.firstContentFrame, times: 3 });
    const { client, sleeps } = make();
    const { error, events } = await failureOf(client.stream(request));
    expect(RetriesExhaustedError.isInstance(error)).toBe(true);
    expect((error as RetriesExhaustedError).attempts).toBe(3);
    expect((error as Error).message).toMatch(/\(gave up after 3 attempts\)$/);
    expect(events).toEqual([]);
    expect(sleeps).toEqual([500, 1000]);
    expect(mock.requests).toHaveLength(3);
  });

  it("abandons a ping-only stream after the idle timeout (pings do not count) and retries it", async () => {
    mock.cutNextStream({ kind: "pings", afterEvents: testCase.firstContentFrame, intervalMs: 20 });
    mock.script([{ text: "never" }, { text: "after the pings" }]);
    const { client, retries } = make({ idleTimeoutMs: 250 });
    const started = Date.now();
    const message = await collectStream(client.stream(request));
    expect(message.content).toEqual([{ type: "text", text: "after the pings" }]);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(retries.map((info) => info.reason)).toEqual(["the stream went silent before any content"]);
  });

  it("names pings in the idle error when no retries are left", async () => {
    mock.cutNextStream({ kind: "pings", afterEvents: testCase.firstContentFrame, intervalMs: 20 });
    const { client } = make({ idleTimeoutMs: 250, retry: { maxRetries: 0 } });
    const { error } = await failureOf(client.stream(request));
    expect(StreamIdleTimeoutError.isInstance(error)).toBe(true);
    // Anthropic's pings are events; the OpenAI formats' keep-alive comments and Ollama's blank lines are not
    const what = provider === "anthropic" ? /the stream sent only pings \(\d+\) and no reply data for 250 ms/ : /no data for 250 ms/;
    expect((error as Error).message).toMatch(what);
    expect((error as Error).message).toContain("(request req_mock_1)");
  });

  it("bounds a ping-only stream by the request timeout when the idle timeout is long", async () => {
    mock.cutNextStream({ kind: "pings", afterEvents: testCase.firstContentFrame, intervalMs: 20 });
    const { client } = make({ idleTimeoutMs: 60_000, requestTimeoutMs: 400 });
    const started = Date.now();
    const { error } = await failureOf(client.stream(request));
    expect(RequestTimeoutError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
    const received = provider === "anthropic" ? /received no content \(only \d+ pings\)/ : /received no content\)/;
    expect((error as Error).message).toMatch(received);
    expect((error as Error).message).toContain(`${provider}: the reply did not start`);
    expect((error as Error).message).toContain("within the request timeout of 400 ms (request req_mock_1)");
  });

  it("bounds a trickling stream by the request timeout and says what was received", async () => {
    mock.script([{ text: Array.from({ length: 60 }, () => "ab"), chunkDelayMs: 30 }]);
    const { client } = make({ requestTimeoutMs: 400 });
    const { error, events } = await failureOf(client.stream(request));
    expect(RequestTimeoutError.isInstance(error)).toBe(true);
    expect((error as RequestTimeoutError).requestTimeoutMs).toBe(400);
    expect((error as Error).message).toMatch(
      new RegExp(`^${provider}: the reply did not finish \\(received 1 content block \\(\\d+ characters of text\\), not retried, since part of the reply was already shown\\) within the request timeout of 400 ms`),
    );
    expect(events.some((event) => event.type === "content_block_delta")).toBe(true);
    expect(mock.requests).toHaveLength(1);
  });

  it("says what arrived when a 200 is an HTML page instead of a stream, without retrying", async () => {
    mock.failNext({ status: 200, rawBody: `<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>${"x".repeat(400)}</body></html>` });
    const { client, sleeps } = make();
    const { error } = await failureOf(client.stream(request));
    expect(ApiError.isInstance(error)).toBe(true);
    const expected = provider === "ollama" ? "an NDJSON stream" : "an event stream";
    expect((error as Error).message).toMatch(
      new RegExp(`^${provider}: expected ${expected}, got 200 text/html: <!DOCTYPE html> <html><head><title>Sign in</title></head><body>x+… \\(request req_mock_1\\)$`),
    );
    expect((error as ApiError).code).toBe("unexpected_content_type");
    expect(sleeps).toEqual([]);
    expect(mock.requests).toHaveLength(1);
  });

  it("says what arrived when a non-streaming 200 is not JSON", async () => {
    mock.failNext({ status: 200, rawBody: "<!DOCTYPE html><p>proxy login</p>" });
    const { client } = make();
    const error = await client.send(request).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(`${provider}: expected a JSON body, got 200 text/html: <!DOCTYPE html><p>proxy login</p> (request req_mock_1)`);
  });

  it("names status, error type and request id, and tells onRetry about the server's wait", async () => {
    mock.failNext({ status: 529, headers: { "retry-after": "3" }, times: 3 });
    const { client, sleeps, retries } = make();
    const { error } = await failureOf(client.stream(request));
    expect(sleeps).toEqual([3000, 3000]);
    const line = (error as Error).message;
    expect(line).toMatch(new RegExp(`^${provider}: 529 [^:]+: mock-llm: scripted failure with status 529 \\(request req_mock_3\\)`));
    if (provider === "anthropic") expect(line).toContain("anthropic: 529 overloaded_error: ");
    expect(retries.map(({ attempt, maxAttempts, waitMs, status }) => ({ attempt, maxAttempts, waitMs, status }))).toEqual([
      { attempt: 2, maxAttempts: 3, waitMs: 3000, status: 529 },
      { attempt: 3, maxAttempts: 3, waitMs: 3000, status: 529 },
    ]);
    expect(retries[0]?.reason).toMatch(/^provider busy \(529( \S+)?\)$/);
    expect(retries[0]?.requestId).toBe("req_mock_1");
  });

  it("bounds a non-streaming request by the request timeout", async () => {
    mock.script([{ text: "late", delayMs: 3000 }]);
    const { client } = make({ requestTimeoutMs: 200 });
    const started = Date.now();
    const error = await client.send(request).catch((caught: unknown) => caught);
    expect(RequestTimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(`${provider}: the response did not arrive within the request timeout of 200 ms`);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("request timeout settings", () => {
  const env = (extra: Record<string, string>) => ({ ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: "http://127.0.0.1:9", ...extra });

  it("reads AXION_REQUEST_TIMEOUT_MS and refuses a value that is not a positive number", () => {
    expect(() => createProviderClient({ model: "sonnet", env: env({ AXION_REQUEST_TIMEOUT_MS: "soon" }), configHome: home.path })).toThrow(
      'AXION_REQUEST_TIMEOUT_MS must be a positive number of milliseconds, got "soon"',
    );
    expect(() => createProviderClient({ model: "sonnet", env: env({}), configHome: home.path, requestTimeoutMs: 0 })).toThrow(
      "requestTimeoutMs must be a positive number of milliseconds, got 0",
    );
  });

  it("applies AXION_REQUEST_TIMEOUT_MS from the environment", async () => {
    mock.script([{ text: "late", delayMs: 3000 }]);
    const client = createProviderClient({
      model: "sonnet",
      env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: mock.baseUrl, AXION_REQUEST_TIMEOUT_MS: "250" },
      configHome: home.path,
    });
    const error = await collectEvents(client.stream(request)).catch((caught: unknown) => caught);
    expect(RequestTimeoutError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("within the request timeout of 250 ms");
  });
});
