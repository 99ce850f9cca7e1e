import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMockLlm } from "./mock-llm-server.js";
import type { MockLlmServer } from "./mock-types.js";
import { checkStrictHistory } from "./strict-history.js";
import { postJson } from "./test-support/http-helpers.js";

const toolUse = (id: string) => ({ type: "tool_use", id, name: "Bash", input: { command: "echo 1" } });
const toolResult = (id: string, content = "1") => ({ type: "tool_result", tool_use_id: id, content });
const anthropic = (messages: unknown[]) => checkStrictHistory("anthropic", { model: "m", max_tokens: 10, messages });
const errorOf = (rejection: ReturnType<typeof checkStrictHistory>) => (rejection?.body as { error: { type: string; message: string; param?: unknown } }).error;

describe("strict Anthropic histories", () => {
  it("accepts a tool_use answered in the next user message, results first", () => {
    expect(
      anthropic([
        { role: "user", content: "go" },
        { role: "assistant", content: [{ type: "text", text: "running" }, toolUse("a"), toolUse("b")] },
        { role: "user", content: [toolResult("a"), toolResult("b"), { type: "text", text: "and then?" }] },
        { role: "assistant", content: "done" },
      ]),
    ).toBeUndefined();
  });

  it("combines consecutive user messages as the API does", () => {
    expect(
      anthropic([
        { role: "user", content: "go" },
        { role: "assistant", content: [toolUse("a")] },
        { role: "user", content: [toolResult("a")] },
        { role: "user", content: "continue" },
      ]),
    ).toBeUndefined();
  });

  it("refuses a tool_use without its tool_result with a 400 invalid_request_error", () => {
    const rejection = anthropic([
      { role: "user", content: "go" },
      { role: "assistant", content: [toolUse("toolu_1"), toolUse("toolu_2")] },
      { role: "user", content: [toolResult("toolu_1")] },
    ]);
    expect(rejection?.status).toBe(400);
    expect(rejection?.body).toEqual({
      type: "error",
      error: {
        type: "invalid_request_error",
        message:
          "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_2. Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
      },
    });
  });

  it("refuses a trailing tool_use, a prompt in place of the results, and results after text", () => {
    expect(errorOf(anthropic([{ role: "user", content: "go" }, { role: "assistant", content: [toolUse("a")] }]))?.message).toMatch(/^messages\.1: `tool_use` ids were found/);
    expect(errorOf(anthropic([{ role: "user", content: "go" }, { role: "assistant", content: [toolUse("a")] }, { role: "user", content: "continue" }]))?.message).toContain("without `tool_result` blocks immediately after: a.");
    expect(
      errorOf(anthropic([{ role: "user", content: "go" }, { role: "assistant", content: [toolUse("a")] }, { role: "user", content: [{ type: "text", text: "x" }, toolResult("a")] }]))?.message,
    ).toContain("immediately after: a.");
  });

  it("refuses a tool_result whose tool_use is not in the previous message", () => {
    const rejection = anthropic([
      { role: "user", content: "go" },
      { role: "assistant", content: "hello" },
      { role: "user", content: [{ type: "text", text: "x" }, toolResult("toolu_9")] },
    ]);
    expect(errorOf(rejection)).toEqual({
      type: "invalid_request_error",
      message:
        "messages.2.content.1: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.",
    });
  });

  it("refuses an empty message other than a final assistant one", () => {
    expect(errorOf(anthropic([{ role: "user", content: [] }]))?.message).toBe(
      "messages.0: all messages must have non-empty content except for the optional final assistant message",
    );
    expect(anthropic([{ role: "user", content: "go" }, { role: "assistant", content: [] }])).toBeUndefined();
  });
});

const call = (id: string) => ({ id, type: "function", function: { name: "Bash", arguments: "{}" } });
const chat = (messages: unknown[]) => checkStrictHistory("openai-chat", { model: "gpt-4o", messages });

describe("strict OpenAI chat histories", () => {
  it("accepts tool_calls answered by tool messages, then any message", () => {
    expect(
      chat([
        { role: "system", content: "s" },
        { role: "user", content: "go" },
        { role: "assistant", content: null, tool_calls: [call("c1"), call("c2")] },
        { role: "tool", tool_call_id: "c2", content: "2" },
        { role: "tool", tool_call_id: "c1", content: "1" },
        { role: "user", content: "continue" },
      ]),
    ).toBeUndefined();
  });

  it("refuses tool_calls not followed by every tool message", () => {
    const rejection = chat([
      { role: "user", content: "go" },
      { role: "assistant", content: null, tool_calls: [call("c1"), call("c2")] },
      { role: "tool", tool_call_id: "c1", content: "1" },
      { role: "user", content: "continue" },
    ]);
    expect(rejection?.status).toBe(400);
    expect(rejection?.body).toEqual({
      error: {
        message:
          "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: c2",
        type: "invalid_request_error",
        param: "messages.[1].role",
        code: null,
      },
    });
    expect(errorOf(chat([{ role: "user", content: "go" }, { role: "assistant", content: null, tool_calls: [call("c1")] }]))?.message).toContain("did not have response messages: c1");
  });

  it("refuses a tool message without a preceding tool_calls entry", () => {
    expect(errorOf(chat([{ role: "user", content: "go" }, { role: "tool", tool_call_id: "c1", content: "1" }]))).toEqual({
      message: "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
      type: "invalid_request_error",
      param: "messages.[1].role",
      code: null,
    });
    expect(
      errorOf(chat([{ role: "user", content: "go" }, { role: "assistant", content: null, tool_calls: [call("c1")] }, { role: "tool", tool_call_id: "c9", content: "1" }]))?.message,
    ).toBe("Invalid parameter: 'tool_call_id' of 'c9' not found in 'tool_calls' of previous message.");
  });
});

const responses = (input: unknown) => checkStrictHistory("openai-responses", { model: "gpt-5-codex", input });

describe("strict OpenAI Responses histories", () => {
  it("accepts function calls with their outputs, and a plain string input", () => {
    expect(
      responses([
        { role: "user", content: [{ type: "input_text", text: "go" }] },
        { type: "function_call", call_id: "c1", name: "Bash", arguments: "{}" },
        { type: "function_call_output", call_id: "c1", output: "1" },
      ]),
    ).toBeUndefined();
    expect(responses("hello")).toBeUndefined();
  });

  it("refuses a function_call_output without its function_call, and a function_call without its output", () => {
    expect(responses([{ role: "user", content: "go" }, { type: "function_call_output", call_id: "c7", output: "1" }])?.body).toEqual({
      error: { message: "No tool call found for function call output with call_id c7.", type: "invalid_request_error", param: "input", code: null },
    });
    expect(errorOf(responses([{ role: "user", content: "go" }, { type: "function_call", call_id: "c1", name: "Bash", arguments: "{}" }, { role: "user", content: "continue" }]))?.message).toBe(
      "No tool output found for function call c1.",
    );
  });
});

const ollama = (messages: unknown[]) => checkStrictHistory("ollama", { model: "qwen2.5-coder", messages });

describe("strict Ollama histories", () => {
  const calls = [{ function: { name: "Bash", arguments: {} } }, { function: { name: "Read", arguments: {} } }];

  it("accepts tool calls followed by one tool message each", () => {
    expect(
      ollama([
        { role: "user", content: "go" },
        { role: "assistant", content: "", tool_calls: calls },
        { role: "tool", content: "1", tool_name: "Bash" },
        { role: "tool", content: "2", tool_name: "Read" },
        { role: "user", content: "continue" },
      ]),
    ).toBeUndefined();
  });

  it("refuses a tool message without tool calls before it, and tool calls left without tool messages", () => {
    expect(ollama([{ role: "user", content: "go" }, { role: "tool", content: "1", tool_name: "Bash" }])?.body).toEqual({
      error: "messages[1]: tool message without a preceding assistant message with tool_calls",
    });
    expect(ollama([{ role: "user", content: "go" }, { role: "assistant", content: "", tool_calls: calls }, { role: "tool", content: "1" }])?.body).toEqual({
      error: "messages[1]: assistant message with 2 tool_calls is followed by 1 tool messages",
    });
  });
});

describe("startMockLlm({ strict: true })", () => {
  let server: MockLlmServer;
  beforeEach(async () => {
    server = await startMockLlm({ strict: true });
  });
  afterEach(async () => {
    await server.close();
  });

  it("answers an invalid history with the wire's 400, records it, and keeps the scripted turn", async () => {
    server.script([{ text: "scripted" }]);
    const invalid = await postJson(`${server.baseUrl}/v1/chat/completions`, {
      model: "gpt-4o",
      messages: [{ role: "user", content: "go" }, { role: "tool", tool_call_id: "c1", content: "1" }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("x-request-id")).toBe("req_mock_1");
    expect(((await invalid.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
    expect(server.requests[0]?.rejected).toBeDefined();
    const valid = await postJson(`${server.baseUrl}/v1/chat/completions`, { model: "gpt-4o", messages: [{ role: "user", content: "go" }] });
    expect(valid.status).toBe(200);
    expect(JSON.stringify(await valid.json())).toContain("scripted");
    expect(server.requests[1]?.rejected).toBeUndefined();
  });

  it("is off by default", async () => {
    const lenient = await startMockLlm();
    try {
      const response = await postJson(`${lenient.baseUrl}/v1/responses`, { model: "m", input: [{ type: "function_call_output", call_id: "c1", output: "1" }] });
      expect(response.status).toBe(200);
    } finally {
      await lenient.close();
    }
  });
});
