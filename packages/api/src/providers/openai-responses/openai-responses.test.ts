import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ContextWindowExceededError } from "../../errors.js";
import { MessageAccumulator } from "../../message-accumulator.js";
import type { MessageRequest } from "../../message-model.js";
import type { StreamEvent } from "../../stream-events.js";
import { iterate, randomChunks } from "../../test-support/chunking.js";
import { responsesUrl } from "./create-openai-responses-client.js";
import { translateResponsesStream } from "./openai-responses-stream.js";
import { translateResponsesRequest, translateResponsesResponse } from "./openai-responses-translate.js";
import { responsesResponseSchema } from "./openai-responses-wire.js";

const fixture = (name: string): string => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

async function eventsOf(text: string, seed: number): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  const stream = translateResponsesStream(iterate(randomChunks(text, seed)), { provider: "openai-responses", model: "gpt-5-codex" }, "req_r");
  for await (const event of stream) events.push(event);
  return events;
}

function assemble(events: StreamEvent[]) {
  const accumulator = new MessageAccumulator();
  for (const event of events) accumulator.push(event);
  return { message: accumulator.finish(), accumulator };
}

const history: MessageRequest = {
  model: "gpt-5-codex",
  max_tokens: 4096,
  system: "You are axion.",
  messages: [
    { role: "user", content: [{ type: "text", text: "look" }, { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/" } }] },
    {
      role: "assistant",
      content: [
        { type: "text", text: "Reading." },
        { type: "tool_use", id: "call_1", name: "Read", input: { file_path: "a" } },
      ],
    },
    { role: "user", content: [{ type: "tool_result", tool_use_id: "call_1", content: [{ type: "text", text: "alpha" }] }] },
  ],
  tools: [{ name: "Read", description: "read", input_schema: { type: "object" } }],
  tool_choice: { type: "tool", name: "Read" },
};

describe("Responses request translation", () => {
  it("puts function calls and their outputs at the top level of input", () => {
    const body = translateResponsesRequest(history, true);
    expect(body.input).toEqual([
      {
        type: "message",
        role: "user",
        content: [
          { type: "input_text", text: "look" },
          { type: "input_image", image_url: "data:image/jpeg;base64,/9j/" },
        ],
      },
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "Reading." }] },
      { type: "function_call", call_id: "call_1", name: "Read", arguments: '{"file_path":"a"}' },
      { type: "function_call_output", call_id: "call_1", output: "alpha" },
    ]);
    expect(body).toMatchObject({
      model: "gpt-5-codex",
      instructions: "You are axion.",
      store: false,
      stream: true,
      max_output_tokens: 4096,
      reasoning: { effort: "medium" },
      tool_choice: { type: "function", name: "Read" },
      tools: [{ type: "function", name: "Read", description: "read", parameters: { type: "object" }, strict: false }],
    });
  });

  it("takes the reasoning effort option and leaves it out for other models", () => {
    expect(translateResponsesRequest(history, false, { reasoningEffort: "high" }).reasoning).toEqual({ effort: "high" });
    expect(translateResponsesRequest({ ...history, model: "gpt-4.1" }, false).reasoning).toBeUndefined();
  });

  it("builds the URL", () => {
    expect(responsesUrl("https://api.openai.com/v1/")).toBe("https://api.openai.com/v1/responses");
  });

  it("maps a non-streaming response", () => {
    const response = responsesResponseSchema.parse({
      id: "resp_1",
      model: "gpt-5-codex",
      status: "completed",
      output: [
        { type: "reasoning", id: "rs", summary: [{ type: "summary_text", text: "think" }] },
        { type: "message", id: "m", role: "assistant", content: [{ type: "output_text", text: "hi" }] },
        { type: "function_call", id: "fc", call_id: "call_9", name: "Read", arguments: '{"file_path":"x"}' },
        { type: "web_search_call", id: "ws", status: "completed" },
      ],
      usage: { input_tokens: 50, output_tokens: 5, input_tokens_details: { cached_tokens: 20 } },
    });
    const message = translateResponsesResponse(response, "gpt-5-codex");
    expect(message.content).toEqual([
      { type: "thinking", thinking: "think", signature: "" },
      { type: "text", text: "hi" },
      { type: "tool_use", id: "call_9", name: "Read", input: { file_path: "x" } },
      { type: "unknown", raw: { type: "web_search_call", id: "ws", status: "completed" } },
    ]);
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toEqual({ input_tokens: 30, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 20 });
  });
});

describe("Responses stream translation (recorded fixtures)", () => {
  it("maps reasoning, text and function calls however the bytes are cut", async () => {
    const text = fixture("reasoning-text-tools.sse");
    const reference = await eventsOf(text, 1);
    for (let seed = 2; seed < 25; seed++) expect(await eventsOf(text, seed)).toEqual(reference);
    expect(reference.some((event) => event.type === "unknown")).toBe(false);
    const { message, accumulator } = assemble(reference);
    expect(message.id).toBe("resp_68af3d1e");
    expect(message.content).toEqual([
      { type: "thinking", thinking: "Need to **search** the fixture.", signature: "" },
      { type: "text", text: "Searching — 一瞬 ⏳" },
      { type: "tool_use", id: "call_grep_01", name: "Grep", input: { pattern: "parity", path: "fixture.txt", output_mode: "count" } },
      { type: "tool_use", id: "call_read_02", name: "Read", input: { file_path: "fixture.txt" } },
    ]);
    expect(accumulator.toolInputJson("call_grep_01")).toBe('{"pattern":"parity","path":"fixture.txt","output_mode":"count"}');
    expect(message.stop_reason).toBe("tool_use");
    expect(message.usage).toEqual({ input_tokens: 564, output_tokens: 310, cache_creation_input_tokens: 0, cache_read_input_tokens: 1536 });
  });

  it("maps an incomplete response to max_tokens", async () => {
    const { message } = assemble(await eventsOf(fixture("incomplete.sse"), 3));
    expect(message.stop_reason).toBe("max_tokens");
    expect(message.content).toEqual([{ type: "text", text: "Long answer that" }]);
  });

  it("turns response.failed into a typed error", async () => {
    const error = await eventsOf(fixture("failed-context.sse"), 4).catch((caught: unknown) => caught);
    expect(ContextWindowExceededError.isInstance(error)).toBe(true);
    expect((error as ContextWindowExceededError).requestId).toBe("req_r");
  });
});
