import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OverloadedError } from "../../errors.js";
import { collectStream, MessageAccumulator } from "../../message-accumulator.js";
import type { MessageRequest } from "../../message-model.js";
import type { StreamEvent } from "../../stream-events.js";
import { iterate, randomChunks } from "../../test-support/chunking.js";
import { anthropicMessagesUrl, translateAnthropicStream } from "./create-anthropic-client.js";
import { translateAnthropicRequest } from "./anthropic-translate.js";

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");
const settings = { provider: "anthropic" as const };

async function eventsOf(text: string, seed: number): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of translateAnthropicStream(iterate(randomChunks(text, seed)), settings, "req_1")) events.push(event);
  return events;
}

describe("Anthropic request translation", () => {
  const request: MessageRequest = {
    model: "claude-sonnet-4-6",
    max_tokens: 1024,
    system: "You are axion.",
    messages: [
      { role: "user", content: "count parity lines" },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: "use grep", signature: "sig" },
          { type: "thinking", thinking: "from another provider", signature: "" },
          { type: "tool_use", id: "toolu_1", name: "Grep", input: { pattern: "parity" } },
          { type: "unknown", raw: { type: "server_tool_use", id: "srv_1", name: "web_search", input: {} } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "json", value: { count: 2 } }, { type: "text", text: "done" }] },
          { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBOR" } },
        ],
      },
    ],
    tools: [
      { name: "Read", input_schema: { type: "object" } },
      { name: "Grep", description: "search", input_schema: { type: "object" } },
    ],
    tool_choice: { type: "auto" },
    temperature: 0.2,
    thinking: { type: "enabled", budget_tokens: 2048 },
    metadata: { user_id: "u1" },
  };

  it("puts cache breakpoints on the system prompt and the last tool", () => {
    const body = translateAnthropicRequest(request, true);
    expect(body.system).toEqual([{ type: "text", text: "You are axion.", cache_control: { type: "ephemeral" } }]);
    expect(body.tools).toEqual([
      { name: "Read", input_schema: { type: "object" } },
      { name: "Grep", description: "search", input_schema: { type: "object" }, cache_control: { type: "ephemeral" } },
    ]);
    expect(body.stream).toBe(true);
    expect(translateAnthropicRequest(request, false).stream).toBeUndefined();
    expect(body).toMatchObject({ tool_choice: { type: "auto" }, temperature: 0.2, metadata: { user_id: "u1" } });
    expect(body.thinking).toEqual({ type: "enabled", budget_tokens: 2048 });
  });

  it("marks the last block of a list system prompt", () => {
    const body = translateAnthropicRequest({ ...request, system: [{ type: "text", text: "a" }, { type: "text", text: "b" }] }, false);
    expect(body.system).toEqual([
      { type: "text", text: "a" },
      { type: "text", text: "b", cache_control: { type: "ephemeral" } },
    ]);
  });

  it("sends unknown blocks as received, drops unsigned thinking and turns JSON parts into text", () => {
    const body = translateAnthropicRequest(request, false);
    const messages = body.messages as { content: unknown[] }[];
    expect(messages[1]?.content).toEqual([
      { type: "thinking", thinking: "use grep", signature: "sig" },
      { type: "tool_use", id: "toolu_1", name: "Grep", input: { pattern: "parity" } },
      { type: "server_tool_use", id: "srv_1", name: "web_search", input: {} },
    ]);
    expect(messages[2]?.content[0]).toEqual({
      type: "tool_result",
      tool_use_id: "toolu_1",
      content: [
        { type: "text", text: '{"count":2}' },
        { type: "text", text: "done" },
      ],
    });
  });

  it("builds the messages URL without doubling /v1", () => {
    expect(anthropicMessagesUrl("https://api.anthropic.com")).toBe("https://api.anthropic.com/v1/messages");
    expect(anthropicMessagesUrl("https://proxy.example/v1/")).toBe("https://proxy.example/v1/messages");
  });
});

describe("Anthropic stream translation (recorded fixtures)", () => {
  it("parses thinking, text and a chunked tool call however the bytes are cut", async () => {
    const text = fixture("thinking-text-tool.sse");
    const reference = await eventsOf(text, 1);
    expect(reference.filter((event) => event.type === "ping")).toHaveLength(1);
    for (let seed = 2; seed < 40; seed++) expect(await eventsOf(text, seed)).toEqual(reference);
    const accumulator = new MessageAccumulator({ provider: "anthropic" });
    for (const event of reference) accumulator.push(event);
    const message = accumulator.finish();
    expect(message.content).toEqual([
      {
        type: "thinking",
        thinking: "The user wants the count of lines mentioning “parity” — use Grep.",
        signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds",
      },
      { type: "text", text: "Je vais chercher — 検索します 🔍" },
      {
        type: "tool_use",
        id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6",
        name: "Grep",
        input: { pattern: "parity", path: "fixture.txt", output_mode: "count" },
      },
    ]);
    expect(accumulator.toolInputJson("toolu_01T1x1fJ34qAmk2tNTrN7Up6")).toBe(
      '{"pattern": "parity", "path": "fixture.txt", "output_mode": "count"}',
    );
    expect(message.usage).toEqual({
      input_tokens: 472,
      output_tokens: 89,
      cache_creation_input_tokens: 1024,
      cache_read_input_tokens: 2048,
    });
    expect(message.stop_reason).toBe("tool_use");
  });

  it("turns an error event into a typed error", async () => {
    const error = await eventsOf(fixture("overloaded-mid-stream.sse"), 3).catch((caught: unknown) => caught);
    expect(OverloadedError.isInstance(error)).toBe(true);
    expect((error as OverloadedError).requestId).toBe("req_1");
  });

  it("keeps unknown blocks and deltas", async () => {
    const events = await eventsOf(fixture("unknown-block.sse"), 4);
    const accumulator = new MessageAccumulator();
    for (const event of events) accumulator.push(event);
    const message = accumulator.finish();
    expect(message.content[0]).toEqual({
      type: "unknown",
      raw: { type: "server_tool_use", id: "srvtoolu_01", name: "web_search", input: {} },
    });
    expect(message.content[1]).toEqual({ type: "text", text: "Found it." });
    expect(accumulator.unknownEvents).toHaveLength(2);
    expect(await collectStream(iterate(events))).toEqual(message);
  });
});
