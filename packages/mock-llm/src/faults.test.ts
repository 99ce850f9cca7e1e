import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockLlm } from "./mock-llm-server.js";
import type { MockLlmServer } from "./mock-types.js";
import { decodeChunks, postJson, readChunks } from "./test-support/http-helpers.js";
import { WIRE_CLIENTS, anthropicClient, openaiChatClient } from "./test-support/wire-clients.js";

let server: MockLlmServer;
beforeEach(async () => {
  server = await startMockLlm();
});
afterEach(async () => {
  await server.close();
});

const streamBody = (text = "hi") => anthropicClient.firstRequest(text, true);
const post = (body: Record<string, unknown>, path = "/v1/messages") => postJson(`${server.baseUrl}${path}`, body);

describe("HTTP faults", () => {
  it("answers with the scripted status, body shape of the wire format, and retry-after", async () => {
    server.failNext({ status: 429, headers: { "retry-after": "3" } });
    const response = await post(streamBody());
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3");
    expect(response.headers.get("request-id")).toBe("req_mock_1");
    expect(await response.json()).toEqual({ type: "error", error: { type: "rate_limit_error", message: "mock-llm: scripted failure with status 429" } });
  });

  it("uses each format's own error shape and a given body verbatim", async () => {
    server.failNext({ status: 500 }, { status: 503 }, { status: 400, body: { custom: true } });
    const chat = await post(openaiChatClient.firstRequest("x", false), "/v1/chat/completions");
    expect(await chat.json()).toEqual({ error: { message: "mock-llm: scripted failure with status 500", type: "server_error", param: null, code: null } });
    const ollama = await post({ model: "m", messages: [] }, "/api/chat");
    expect([ollama.status, await ollama.json()]).toEqual([503, { error: "mock-llm: scripted failure with status 503" }]);
    const custom = await post({ model: "m", input: "x" }, "/v1/responses");
    expect([custom.status, await custom.json()]).toEqual([400, { custom: true }]);
  });

  it("fails N times, then serves the scripted turn, recording every attempt", async () => {
    server.script([{ text: "finally through" }]);
    server.failNext({ status: 503, times: 2 });
    expect((await post(streamBody("one"))).status).toBe(503);
    expect((await post(streamBody("two"))).status).toBe(503);
    const reply = await anthropicClient.collectStream(await post(streamBody("three")));
    expect(reply.text).toBe("finally through");
    expect(server.requests.map((request) => (request.body as { messages: Array<{ content: Array<{ text: string }> }> }).messages[0]?.content[0]?.text)).toEqual([
      "one",
      "two",
      "three",
    ]);
  });

  it("records the scenario of a faulted request and does not consume its turn", async () => {
    server.failNext({ status: 529 });
    expect((await post(streamBody("PARITY_SCENARIO:streaming_text"))).status).toBe(529);
    const reply = await anthropicClient.collectStream(await post(streamBody("PARITY_SCENARIO:streaming_text")));
    expect(reply.text).toBe("Mock streaming says hello from the parity harness.");
    expect(server.requests.map((request) => request.scenario)).toEqual(["streaming_text", "streaming_text"]);
  });

  it("leaves count_tokens and /api/tags out of the fault queue", async () => {
    server.failNext({ status: 500 });
    expect((await post({ model: "m", messages: [{ role: "user", content: "x" }] }, "/v1/messages/count_tokens")).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/api/tags`)).status).toBe(200);
    expect((await post(streamBody())).status).toBe(500);
  });

  it("rejects a bad fault with a one-line error", () => {
    expect(() => server.failNext({ status: 42 })).toThrow('mock-llm: failNext: "status" must be an HTTP status (100-599), got 42');
    expect(() => server.cutNextStream({ kind: "cut", afterEvents: -1 })).toThrow(/afterEvents/);
  });
});

describe("stream faults", () => {
  it.each(WIRE_CLIENTS.map((client) => [client.wireFormat, client] as const))("cuts a %s stream part-way through an event", async (_name, client) => {
    server.cutNextStream({ kind: "cut", afterEvents: 2 });
    const response = await post(client.firstRequest("PARITY_SCENARIO:streaming_text", true), client.path);
    expect(response.status).toBe(200);
    const received: Uint8Array[] = [];
    const reader = response.body!.getReader();
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        received.push(value);
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    const text = decodeChunks(received);
    const separator = client.wireFormat === "ollama" ? "\n" : "\n\n";
    const complete = text.split(separator).slice(0, -1);
    expect(complete).toHaveLength(2);
    expect(text.endsWith(separator)).toBe(false);
    // The next stream is whole again.
    const again = await client.collectStream(await post(client.firstRequest("PARITY_SCENARIO:streaming_text", true), client.path));
    expect(again.text).toBe("Mock streaming says hello from the parity harness.");
  });

  it("stalls a stream with the connection left open until the client gives up", async () => {
    server.cutNextStream({ kind: "stall", afterEvents: 3 });
    const response = await post(streamBody("PARITY_SCENARIO:streaming_text"));
    const reader = response.body!.getReader();
    let text = "";
    const readAll = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return "ended";
        text += Buffer.from(value).toString("utf8");
      }
    })().catch(() => "aborted");
    const outcome = await Promise.race([readAll, new Promise((resolve) => setTimeout(() => resolve("still open"), 300))]);
    expect(outcome).toBe("still open");
    expect(text.split("\n\n").filter((frame) => frame.length > 0)).toHaveLength(3);
    await reader.cancel();
  });

  it("ends a stream cleanly after N events", async () => {
    server.cutNextStream({ kind: "end", afterEvents: 1 });
    const text = decodeChunks(await readChunks(await post(streamBody("PARITY_SCENARIO:streaming_text"))));
    expect(text.split("\n\n").filter((frame) => frame.length > 0).map((frame) => frame.split("\n")[0])).toEqual(["event: message_start"]);
  });

  it("sends only keep-alives after N events until the client leaves", async () => {
    server.cutNextStream({ kind: "pings", afterEvents: 1, intervalMs: 20 });
    const response = await post(streamBody("PARITY_SCENARIO:streaming_text"));
    const reader = response.body!.getReader();
    let text = "";
    const started = Date.now();
    while (Date.now() - started < 200) {
      const { done, value } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString("utf8");
    }
    await reader.cancel();
    const frames = text.split("\n\n").filter((frame) => frame.length > 0);
    expect(frames[0]).toMatch(/^event: message_start/);
    expect(frames.length).toBeGreaterThanOrEqual(4);
    expect(new Set(frames.slice(1))).toEqual(new Set(['event: ping\ndata: {"type": "ping"}']));
    // the OpenAI formats get an SSE comment
    server.cutNextStream({ kind: "pings", afterEvents: 0, intervalMs: 20 });
    const chat = await post(openaiChatClient.firstRequest("x", true), "/v1/chat/completions");
    const chatReader = chat.body!.getReader();
    const first = await chatReader.read();
    expect(Buffer.from(first.value!).toString("utf8")).toBe(": keep-alive\n\n");
    await chatReader.cancel();
    expect(() => server.cutNextStream({ kind: "pings", afterEvents: 0, intervalMs: 0 })).toThrow(/intervalMs/);
  });

  it("answers with a raw body of any content-type, e.g. a proxy's HTML page on a 200", async () => {
    server.failNext({ status: 200, rawBody: "<!DOCTYPE html><html><body>Sign in</body></html>" });
    const response = await post(streamBody());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("request-id")).toBe("req_mock_1");
    expect(await response.text()).toBe("<!DOCTYPE html><html><body>Sign in</body></html>");
  });

  it("applies a stream fault `times` times and only to streaming requests", async () => {
    server.cutNextStream({ kind: "cut", afterEvents: 0, times: 2 });
    expect((await post(anthropicClient.firstRequest("x", false))).status).toBe(200);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const chunks = await readChunks(await post(streamBody())).catch(() => "cut");
      expect(chunks).toBe("cut");
    }
    expect((await anthropicClient.collectStream(await post(streamBody("whole")))).text).toBe("Mock echo: whole");
  });
});

describe("timing", () => {
  it("waits delayMs before the first byte and chunkDelayMs between chunks", async () => {
    server.script([{ text: ["a", "b", "c"], delayMs: 150 }, { text: ["a", "b", "c"], chunkDelayMs: 40 }]);
    let started = Date.now();
    const delayed = await post(streamBody());
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await readChunks(delayed);
    started = Date.now();
    const paced = await post(streamBody());
    await readChunks(paced);
    // message_start, ping, block start, 3 deltas, block stop, message_delta, message_stop: 8 gaps.
    expect(Date.now() - started).toBeGreaterThanOrEqual(8 * 40 - 20);
  });
});

describe("request log and script", () => {
  it("records method, path, headers, body, raw body, stream flag and wire format of every request", async () => {
    await postJson(`${server.baseUrl}/v1/messages?beta=true`, streamBody("logged"), { "x-api-key": "test-key" }).then(readChunks);
    await fetch(`${server.baseUrl}/api/tags`);
    await fetch(`${server.baseUrl}/nowhere`);
    await postJson(`${server.baseUrl}/api/chat`, { model: "m", messages: [{ role: "user", content: "x" }] }).then(readChunks);
    const [first, tags, missing, ollama] = server.requests;
    expect(first).toMatchObject({ index: 0, method: "POST", path: "/v1/messages", stream: true, wireFormat: "anthropic" });
    expect(first?.headers["x-api-key"]).toBe("test-key");
    expect(JSON.parse(first?.rawBody ?? "")).toEqual(first?.body);
    expect(tags).toMatchObject({ index: 1, method: "GET", path: "/api/tags", wireFormat: "ollama", stream: false });
    expect(missing).toMatchObject({ index: 2, path: "/nowhere", wireFormat: "other" });
    expect(ollama).toMatchObject({ index: 3, wireFormat: "ollama", stream: true });
  });

  it("serves scripted turns in order before scenarios, and reset forgets everything", async () => {
    server.script([{ text: "first" }, { text: "second" }]);
    expect((await anthropicClient.collectStream(await post(streamBody("PARITY_SCENARIO:streaming_text")))).text).toBe("first");
    server.failNext({ status: 500 });
    server.reset();
    expect(server.requests).toHaveLength(0);
    expect((await anthropicClient.collectStream(await post(streamBody("PARITY_SCENARIO:streaming_text")))).text).toBe(
      "Mock streaming says hello from the parity harness.",
    );
    expect(server.requests[0]?.index).toBe(0);
  });

  it("takes turns from the start options", async () => {
    await server.close();
    server = await startMockLlm({ turns: [{ text: "from options" }] });
    expect((await anthropicClient.collectStream(await post(streamBody()))).text).toBe("from options");
  });

  it("rejects tool-call chunks that do not join to the input", () => {
    expect(() => server.script([{ toolCalls: [{ name: "Read", input: { file_path: "a" }, chunks: ['{"file_path":', '"b"}'] }] }])).toThrow(
      'mock-llm: script turn 1 toolCalls[0] (Read): "chunks" join to {"file_path":"b"}, which differs from "input"',
    );
    expect(() => server.script([{ toolCalls: [{ name: "Read", input: {}, chunks: ["{"] }] }])).toThrow(/join to invalid JSON/);
  });

  it("rejects invalid JSON and answers unknown routes with 404", async () => {
    const bad = await fetch(`${server.baseUrl}/v1/chat/completions`, { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^mock-llm: POST \/v1\/chat\/completions: request body is not valid JSON/);
    expect((await fetch(`${server.baseUrl}/v2/unknown`)).status).toBe(404);
  });

  it("close() ends open connections and resolves", async () => {
    server.cutNextStream({ kind: "stall", afterEvents: 1 });
    const response = await post(streamBody());
    const pending = readChunks(response).catch(() => "closed");
    await server.close();
    expect(await pending).toBe("closed");
  });
});
