import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import {
  contentBlockSchema,
  messageRequestSchema,
  messageResponseSchema,
  totalTokens,
  type ContentBlock,
  type MessageResponse,
} from "./message-model.js";
import { streamEventSchema, type StreamEvent } from "./stream-events.js";

describe("message model schemas", () => {
  it("infers the same types as the declared ones", () => {
    expectTypeOf<z.output<typeof contentBlockSchema>>().toExtend<ContentBlock>();
    expectTypeOf<z.output<typeof messageResponseSchema>>().toExtend<MessageResponse>();
    expectTypeOf<z.output<typeof streamEventSchema>>().toExtend<StreamEvent>();
  });

  it("parses every known block type", () => {
    const blocks = [
      { type: "text", text: "hi" },
      { type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" } },
      { type: "tool_use", id: "toolu_1", name: "Read", input: { file_path: "a" } },
      { type: "tool_result", tool_use_id: "toolu_1", content: "ok" },
      {
        type: "tool_result",
        tool_use_id: "toolu_1",
        content: [
          { type: "text", text: "x" },
          { type: "json", value: { a: 1 } },
        ],
        is_error: true,
      },
      { type: "thinking", thinking: "hmm", signature: "sig" },
      { type: "redacted_thinking", data: "opaque" },
    ];
    for (const block of blocks) expect(contentBlockSchema.parse(block)).toEqual(block);
  });

  it("keeps unknown block types instead of dropping them, and re-parses them unchanged", () => {
    const raw = { type: "document", source: { type: "text", data: "doc" } };
    const parsed = contentBlockSchema.parse(raw);
    expect(parsed).toEqual({ type: "unknown", raw });
    expect(contentBlockSchema.parse(parsed)).toEqual(parsed);
  });

  it("rejects a known block type with missing fields", () => {
    expect(() => contentBlockSchema.parse({ type: "text" })).toThrow();
    expect(() => contentBlockSchema.parse({ type: "tool_use", id: "x" })).toThrow();
  });

  it("validates a full request", () => {
    const request = {
      model: "claude-sonnet-4-6",
      max_tokens: 1024,
      system: "be brief",
      messages: [{ role: "user", content: "hello" }],
      tools: [{ name: "Read", input_schema: { type: "object" } }],
      tool_choice: { type: "auto" },
      stream: true,
      temperature: 0.5,
      thinking: { type: "enabled", budget_tokens: 2048 },
      metadata: { user_id: "u" },
    };
    expect(messageRequestSchema.parse(request)).toEqual(request);
    expect(() => messageRequestSchema.parse({ ...request, max_tokens: 0 })).toThrow();
    expect(() => messageRequestSchema.parse({ ...request, messages: [{ role: "system", content: "x" }] })).toThrow();
  });

  it("fills missing cache counts in usage with 0", () => {
    const response = messageResponseSchema.parse({
      id: "msg_1",
      type: "message",
      role: "assistant",
      model: "m",
      content: [],
      stop_reason: "end_turn",
      usage: { input_tokens: 3, output_tokens: 4, cache_read_input_tokens: null },
    });
    expect(response.usage).toEqual({
      input_tokens: 3,
      output_tokens: 4,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    expect(response.stop_sequence).toBeNull();
    expect(totalTokens({ ...response.usage, cache_read_input_tokens: 5 })).toBe(12);
  });
});

describe("stream event schemas", () => {
  it("parses each event and delta type", () => {
    const events = [
      { type: "ping" },
      { type: "message_stop" },
      { type: "content_block_stop", index: 0 },
      { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "t", name: "n", input: {} } },
      { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "a" } },
      { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: "{\"" } },
      { type: "content_block_delta", index: 2, delta: { type: "thinking_delta", thinking: "t" } },
      { type: "content_block_delta", index: 2, delta: { type: "signature_delta", signature: "s" } },
      { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
    ];
    for (const event of events) expect(streamEventSchema.parse(event)).toEqual(event);
    expect(
      streamEventSchema.parse({ type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 9 } }),
    ).toEqual({ type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 9 } });
  });

  it("keeps unknown event and delta types", () => {
    expect(streamEventSchema.parse({ type: "citation_added", x: 1 })).toEqual({
      type: "unknown",
      raw: { type: "citation_added", x: 1 },
    });
    expect(
      streamEventSchema.parse({ type: "content_block_delta", index: 0, delta: { type: "citations_delta", c: 1 } }),
    ).toEqual({
      type: "content_block_delta",
      index: 0,
      delta: { type: "unknown", raw: { type: "citations_delta", c: 1 } },
    });
  });
});
