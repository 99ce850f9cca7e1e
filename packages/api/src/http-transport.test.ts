import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createProviderClient } from "./create-provider-client.js";
import { AbortedError, StreamIdleTimeoutError } from "./errors.js";
import { makeTempConfigHome } from "./test-support/mock-providers.js";

/** A bare HTTP server whose handler the test controls, to watch sockets close. */
async function serve(handler: (response: ServerResponse, closed: Promise<void>) => void): Promise<{ server: Server; url: string; closed: Promise<void>[] }> {
  const closed: Promise<void>[] = [];
  const server = createServer((request, response) => {
    request.resume();
    closed.push(new Promise((resolve) => response.on("close", () => resolve())));
    request.on("end", () => handler(response, closed.at(-1)!));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, closed };
}

const frames = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"x","content":[],"stop_reason":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\n',
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}}\n\n',
];

const home = makeTempConfigHome();
let current: Server | undefined;
afterEach(async () => {
  current?.closeAllConnections();
  await new Promise((resolve) => current?.close(resolve) ?? resolve(undefined));
  current = undefined;
});

function client(url: string, idleTimeoutMs = 120_000) {
  return createProviderClient({
    model: "sonnet",
    env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: url },
    configHome: home.path,
    idleTimeoutMs,
    retry: { maxRetries: 0 },
  });
}

const request = { max_tokens: 10, messages: [{ role: "user" as const, content: "hi" }] };

describe("stream lifetime", () => {
  it("closes the socket when the caller aborts mid-stream", async () => {
    const { server, url, closed } = await serve((response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      for (const frame of frames) response.write(frame);
    });
    current = server;
    const controller = new AbortController();
    const error = await (async () => {
      for await (const event of client(url).stream(request, { signal: controller.signal })) {
        if (event.type === "content_block_delta") controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(AbortedError.isInstance(error)).toBe(true);
    await expect(Promise.race([closed[0], new Promise((resolve) => setTimeout(() => resolve("open"), 1000))])).resolves.toBeUndefined();
  });

  it("closes the socket when the caller stops reading early", async () => {
    const { server, url, closed } = await serve((response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      for (const frame of frames) response.write(frame);
    });
    current = server;
    for await (const event of client(url).stream(request)) {
      if (event.type === "message_start") break;
    }
    await expect(Promise.race([closed[0], new Promise((resolve) => setTimeout(() => resolve("open"), 1000))])).resolves.toBeUndefined();
  });

  it("times out a server that never sends headers", async () => {
    const { server, url, closed } = await serve(() => {});
    current = server;
    const started = Date.now();
    const error = await (async () => {
      for await (const event of client(url, 200).stream(request)) void event;
    })().catch((caught: unknown) => caught);
    expect(StreamIdleTimeoutError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(Promise.race([closed[0], new Promise((resolve) => setTimeout(() => resolve("open"), 1000))])).resolves.toBeUndefined();
  });

  it("does not count a slow consumer as idleness", async () => {
    const { server, url } = await serve((response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      for (const frame of frames) response.write(frame);
      response.end('event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n');
    });
    current = server;
    const seen: string[] = [];
    for await (const event of client(url, 150).stream(request)) {
      seen.push(event.type);
      if (event.type === "message_start") await new Promise((resolve) => setTimeout(resolve, 400));
    }
    expect(seen.at(-1)).toBe("message_stop");
  });
});
