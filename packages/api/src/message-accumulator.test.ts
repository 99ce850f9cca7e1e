import { describe, expect, it } from "vitest";
import { OverloadedError, StreamInterruptedError } from "./errors.js";
import { collectStream, MAX_TOOL_INPUT_DEPTH, MessageAccumulator } from "./message-accumulator.js";
import type { StreamEvent } from "./stream-events.js";

const start: StreamEvent = {
  type: "message_start",
  message: {
    id: "msg_1",
    type: "message",
    role: "assistant",
    model: "claude-sonnet-4-6",
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 7 },
  },
};

const toolTurn: StreamEvent[] = [
  start,
  { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
  { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Let me " } },
  { type: "ping" },
  { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "look." } },
  { type: "content_block_stop", index: 0 },
  { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_a", name: "Grep", input: {} } },
  { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"pattern":"par' } },
  { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: 'ity","path":"fixture.txt"' } },
  { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: ',"output_mode":"count"}' } },
  { type: "content_block_stop", index: 1 },
  { type: "content_block_start", index: 2, content_block: { type: "tool_use", id: "toolu_b", name: "Read", input: {} } },
  { type: "content_block_stop", index: 2 },
  { type: "message_delta", delta: { stop_reason: "tool_use", stop_sequence: null }, usage: { output_tokens: 42 } },
  { type: "message_stop" },
];

async function* iterate(events: StreamEvent[]): AsyncIterable<StreamEvent> {
  for (const event of events) yield event;
}

describe("MessageAccumulator", () => {
  it("assembles text, chunked tool input and usage", async () => {
    const message = await collectStream(iterate(toolTurn));
    expect(message.content).toEqual([
      { type: "text", text: "Let me look." },
      {
        type: "tool_use",
        id: "toolu_a",
        name: "Grep",
        input: { pattern: "parity", path: "fixture.txt", output_mode: "count" },
      },
      { type: "tool_use", id: "toolu_b", name: "Read", input: {} },
    ]);
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toEqual({
      input_tokens: 10,
      output_tokens: 42,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 7,
    });
  });

  it("keeps the tool input text exactly as streamed", () => {
    const accumulator = new MessageAccumulator();
    for (const event of toolTurn) accumulator.push(event);
    expect(accumulator.toolInputJson("toolu_a")).toBe('{"pattern":"parity","path":"fixture.txt","output_mode":"count"}');
    expect(accumulator.toolInputJson("toolu_b")).toBe("{}");
    expect(accumulator.toolInputError("toolu_a")).toBeUndefined();
  });

  it("reports invalid tool JSON instead of throwing", () => {
    const accumulator = new MessageAccumulator();
    const events: StreamEvent[] = [
      start,
      { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "t", name: "Bash", input: {} } },
      { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: '{"command": ' } },
      { type: "message_stop" },
    ];
    for (const event of events) accumulator.push(event);
    expect(accumulator.toolInputError("t")).toMatch(/tool Bash input is not valid JSON/);
    expect(accumulator.finish().content[0]).toEqual({ type: "tool_use", id: "t", name: "Bash", input: {} });
  });

  it("refuses tool input nested too deeply, so later copies cannot overflow the stack", () => {
    const accumulator = new MessageAccumulator();
    const deep = `{"file_path":"a","x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const fine = `{"file_path":"a","x":${"[".repeat(MAX_TOOL_INPUT_DEPTH - 1)}"[[[ not counted {{{"${"]".repeat(MAX_TOOL_INPUT_DEPTH - 1)}}`;
    const events: StreamEvent[] = [
      start,
      { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: "deep", name: "Read", input: {} } },
      { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: deep } },
      { type: "content_block_stop", index: 0 },
      { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "fine", name: "Read", input: {} } },
      { type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: fine } },
      { type: "content_block_stop", index: 1 },
      { type: "message_stop" },
    ];
    for (const event of events) accumulator.push(event);
    expect(accumulator.toolInputError("deep")).toMatch(/^tool Read input is nested 100001 levels deep \(at most 256\)/);
    expect(accumulator.toolInputError("deep")).not.toContain("\n");
    expect(accumulator.toolInputError("fine")).toBeUndefined();
    const message = accumulator.finish();
    expect(message.content[0]).toEqual({ type: "tool_use", id: "deep", name: "Read", input: {} });
    expect(JSON.stringify(message).length).toBeGreaterThan(MAX_TOOL_INPUT_DEPTH);
  });

  it("gives a growing snapshot while streaming", () => {
    const accumulator = new MessageAccumulator();
    accumulator.push(toolTurn[0]!);
    accumulator.push(toolTurn[1]!);
    accumulator.push(toolTurn[2]!);
    expect(accumulator.snapshot().content).toEqual([{ type: "text", text: "Let me " }]);
    expect(accumulator.isComplete).toBe(false);
  });

  it("assembles thinking with its signature", async () => {
    const message = await collectStream(
      iterate([
        start,
        { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "", signature: "" } },
        { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "step 1" } },
        { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "abc" } },
        { type: "content_block_stop", index: 0 },
        { type: "message_stop" },
      ]),
    );
    expect(message.content).toEqual([{ type: "thinking", thinking: "step 1", signature: "abc" }]);
  });

  it("keeps unknown events aside", () => {
    const accumulator = new MessageAccumulator();
    accumulator.push(start);
    accumulator.push({ type: "unknown", raw: { type: "new_thing" } });
    expect(accumulator.unknownEvents).toEqual([{ type: "unknown", raw: { type: "new_thing" } }]);
  });

  it("throws a typed error for an error event", () => {
    const accumulator = new MessageAccumulator({ provider: "anthropic" });
    accumulator.push(start);
    expect(() => accumulator.push({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } })).toThrow(
      OverloadedError,
    );
  });

  it("rejects a stream that ends before message_stop", async () => {
    await expect(collectStream(iterate(toolTurn.slice(0, 5)))).rejects.toSatisfy((error) =>
      StreamInterruptedError.isInstance(error),
    );
  });
});
