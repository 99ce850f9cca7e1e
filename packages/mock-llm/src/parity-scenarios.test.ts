import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockLlm } from "./mock-llm-server.js";
import type { MockLlmServer } from "./mock-types.js";
import { PARITY_SCENARIOS } from "./parity-scenarios.js";
import { postJson } from "./test-support/http-helpers.js";
import { WIRE_CLIENTS, anthropicClient, ollamaClient, type ToolOutput, type WireClient } from "./test-support/wire-clients.js";

const GREP_CHUNKS = ['{"pattern":"par', 'ity","path":"fixture.txt"', ',"output_mode":"count"}'];
const READ_OUTPUT = "     1\talpha parity line";
const GREP_OUTPUT = "fixture.txt:2";

interface ExpectedCall {
  id: string;
  name: string;
  argumentsJson: string;
  chunks?: string[];
  output: string;
}

interface ToolScenario {
  calls: ExpectedCall[];
  finalText: string;
}

const TOOL_SCENARIOS: Record<string, ToolScenario> = {
  read_file_roundtrip: {
    calls: [{ id: "toolu_read_fixture", name: "Read", argumentsJson: '{"file_path":"fixture.txt"}', output: READ_OUTPUT }],
    finalText: `read roundtrip complete: ${READ_OUTPUT}`,
  },
  grep_chunk_assembly: {
    calls: [{ id: "toolu_grep_fixture", name: "Grep", argumentsJson: GREP_CHUNKS.join(""), chunks: GREP_CHUNKS, output: GREP_OUTPUT }],
    finalText: `grep matched: ${GREP_OUTPUT}`,
  },
  write_file_allowed: {
    calls: [
      { id: "toolu_write_allowed", name: "Write", argumentsJson: '{"file_path":"generated/output.txt","content":"created by mock service\\n"}', output: "Created generated/output.txt" },
    ],
    finalText: "write succeeded: Created generated/output.txt",
  },
  write_file_denied: {
    calls: [
      {
        id: "toolu_write_denied",
        name: "Write",
        argumentsJson: '{"file_path":"generated/denied.txt","content":"should not exist\\n"}',
        output: "Write requires workspace-write permission",
      },
    ],
    finalText: "write denied as expected: Write requires workspace-write permission",
  },
  multi_tool_turn_roundtrip: {
    calls: [
      { id: "toolu_multi_read", name: "Read", argumentsJson: '{"file_path":"fixture.txt"}', output: READ_OUTPUT },
      { id: "toolu_multi_grep", name: "Grep", argumentsJson: GREP_CHUNKS.join(""), chunks: GREP_CHUNKS, output: GREP_OUTPUT },
    ],
    finalText: `multi-tool roundtrip complete: ${READ_OUTPUT} / ${GREP_OUTPUT}`,
  },
  bash_stdout_roundtrip: {
    calls: [{ id: "toolu_bash_stdout", name: "Bash", argumentsJson: `{"command":"printf 'alpha from bash'","timeout":1000}`, output: "alpha from bash" }],
    finalText: "bash completed: alpha from bash",
  },
  bash_permission_prompt_approved: {
    calls: [{ id: "toolu_bash_prompt_allow", name: "Bash", argumentsJson: `{"command":"printf 'approved via prompt'","timeout":1000}`, output: "approved via prompt" }],
    finalText: "bash approved and executed: approved via prompt",
  },
  bash_permission_prompt_denied: {
    calls: [
      { id: "toolu_bash_prompt_deny", name: "Bash", argumentsJson: `{"command":"printf 'should not run'","timeout":1000}`, output: "Bash was denied by user approval prompt" },
    ],
    finalText: "bash denied as expected: Bash was denied by user approval prompt",
  },
  plugin_tool_roundtrip: {
    calls: [
      {
        id: "toolu_plugin_echo",
        name: "plugin_echo",
        argumentsJson: '{"message":"hello from plugin parity"}',
        output: '{"plugin":"parity-plugin@external","tool":"plugin_echo","input":{"message":"hello from plugin parity"}}',
      },
    ],
    finalText: 'plugin tool completed: {"plugin":"parity-plugin@external","tool":"plugin_echo","input":{"message":"hello from plugin parity"}}',
  },
};

const TEXT_SCENARIOS: Record<string, { text: string; chunks?: string[]; input: number; output?: number }> = {
  streaming_text: { text: "Mock streaming says hello from the parity harness.", chunks: ["Mock streaming ", "says hello from the parity harness."], input: 10 },
  auto_compact_triggered: { text: "auto compact parity complete.", input: 50_000, output: 200 },
  token_cost_reporting: { text: "token cost reporting parity complete.", input: 1_000, output: 500 },
};

let server: MockLlmServer;
beforeAll(async () => {
  server = await startMockLlm();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

async function send(client: WireClient, body: Record<string, unknown>, stream: boolean) {
  const response = await postJson(`${server.baseUrl}${client.path}`, body);
  expect(response.status).toBe(200);
  return stream ? client.collectStream(response) : client.collectJson(await response.json());
}

it("exports the twelve scenario names in table order", () => {
  expect(PARITY_SCENARIOS).toEqual([...Object.keys(TEXT_SCENARIOS).slice(0, 1), ...Object.keys(TOOL_SCENARIOS), ...Object.keys(TEXT_SCENARIOS).slice(1)]);
});

describe.each(WIRE_CLIENTS.map((client) => [client.wireFormat, client] as const))("parity scenarios over %s", (_name, client) => {
  it.each(Object.entries(TEXT_SCENARIOS))("%s answers with its text and usage", async (scenario, expected) => {
    const reply = await send(client, client.firstRequest(`PARITY_SCENARIO:${scenario}`, true), true);
    expect(reply.text).toBe(expected.text);
    expect(reply.toolCalls).toEqual([]);
    expect(reply.textChunkCount).toBeGreaterThanOrEqual(2);
    expect(reply.inputTokens).toBe(expected.input);
    if (expected.output !== undefined) expect(reply.outputTokens).toBe(expected.output);
    expect(server.requests[0]?.scenario).toBe(scenario);
  });

  it.each(Object.entries(TOOL_SCENARIOS))("%s calls its tools on turn 1 and reports their output on turn 2", async (scenario, expected) => {
    const prompt = `PARITY_SCENARIO:${scenario}`;
    const first = await send(client, client.firstRequest(prompt, true), true);
    expect(first.text).toBe("");
    expect(first.toolCalls.map((call) => call.name)).toEqual(expected.calls.map((call) => call.name));
    for (const [position, call] of first.toolCalls.entries()) {
      const wanted = expected.calls[position];
      expect(call.argumentsJson).toBe(wanted?.argumentsJson);
      if (client !== ollamaClient) {
        expect(call.id).toBe(wanted?.id);
        expect(call.argumentChunks.length).toBeGreaterThanOrEqual(2);
        if (wanted?.chunks !== undefined) expect(call.argumentChunks).toEqual(wanted.chunks);
      }
    }
    expect(first.stopReason).toBe({ anthropic: "tool_use", "openai-chat": "tool_calls", "openai-responses": "completed", ollama: "stop" }[client.wireFormat]);

    const outputs: ToolOutput[] = first.toolCalls.map((call, position) => ({ ...call, output: expected.calls[position]?.output ?? "" }));
    const second = await send(client, client.followUpRequest(prompt, outputs, true), true);
    expect(second.text).toBe(expected.finalText);
    expect(second.toolCalls).toEqual([]);
    expect(second.textChunkCount).toBeGreaterThanOrEqual(2);
    expect(server.requests.map((request) => [request.scenario, request.wireFormat, request.stream])).toEqual([
      [scenario, client.wireFormat, true],
      [scenario, client.wireFormat, true],
    ]);
  });

  it("plays the same script without streaming", async () => {
    const prompt = "PARITY_SCENARIO:multi_tool_turn_roundtrip";
    const first = await send(client, client.firstRequest(prompt, false), false);
    expect(first.toolCalls.map((call) => [call.name, call.argumentsJson])).toEqual([
      ["Read", '{"file_path":"fixture.txt"}'],
      ["Grep", GREP_CHUNKS.join("")],
    ]);
    const outputs = first.toolCalls.map((call, position) => ({ ...call, output: [READ_OUTPUT, GREP_OUTPUT][position] ?? "" }));
    const second = await send(client, client.followUpRequest(prompt, outputs, false), false);
    expect(second.text).toBe(`multi-tool roundtrip complete: ${READ_OUTPUT} / ${GREP_OUTPUT}`);
    const cost = await send(client, client.firstRequest("PARITY_SCENARIO:token_cost_reporting", false), false);
    expect([cost.inputTokens, cost.outputTokens]).toEqual([1_000, 500]);
  });

  it("answers a prompt without a scenario token with a short echo", async () => {
    const reply = await send(client, client.firstRequest("hello mock", true), true);
    expect(reply.text).toBe("Mock echo: hello mock");
    expect(server.requests[0]?.scenario).toBeUndefined();
  });
});

describe("scenario selection", () => {
  it("maps multi-tool results by id even when they arrive in the other order", async () => {
    const prompt = "PARITY_SCENARIO:multi_tool_turn_roundtrip";
    const body = anthropicClient.followUpRequest(
      prompt,
      [
        { id: "toolu_multi_grep", name: "Grep", argumentsJson: GREP_CHUNKS.join(""), output: GREP_OUTPUT },
        { id: "toolu_multi_read", name: "Read", argumentsJson: '{"file_path":"fixture.txt"}', output: READ_OUTPUT },
      ],
      true,
    );
    const reply = await send(anthropicClient, body, true);
    expect(reply.text).toBe(`multi-tool roundtrip complete: ${READ_OUTPUT} / ${GREP_OUTPUT}`);
  });

  it("maps Ollama results by tool_name when they arrive in the other order", async () => {
    const body = ollamaClient.followUpRequest(
      "PARITY_SCENARIO:multi_tool_turn_roundtrip",
      [
        { id: undefined, name: "Grep", argumentsJson: GREP_CHUNKS.join(""), output: GREP_OUTPUT },
        { id: undefined, name: "Read", argumentsJson: '{"file_path":"fixture.txt"}', output: READ_OUTPUT },
      ],
      true,
    );
    const reply = await send(ollamaClient, body, true);
    expect(reply.text).toBe(`multi-tool roundtrip complete: ${READ_OUTPUT} / ${GREP_OUTPUT}`);
  });

  it("takes the scenario from the last user text, and a new prompt without a token ends it", async () => {
    const messages = [
      { role: "user", content: "PARITY_SCENARIO:streaming_text" },
      { role: "assistant", content: "Mock streaming says hello from the parity harness." },
      { role: "user", content: "PARITY_SCENARIO:token_cost_reporting" },
    ];
    const cost = await send(anthropicClient, { model: "m", max_tokens: 8, stream: true, messages }, true);
    expect(cost.text).toBe("token cost reporting parity complete.");
    const plain = await send(anthropicClient, { model: "m", max_tokens: 8, stream: true, messages: [...messages, { role: "assistant", content: "ok" }, { role: "user", content: "thanks" }] }, true);
    expect(plain.text).toBe("Mock echo: thanks");
    expect(server.requests.map((request) => request.scenario)).toEqual(["token_cost_reporting", undefined]);
  });

  it("steps over a tool-result message that also carries text", async () => {
    const reply = await send(
      anthropicClient,
      {
        model: "m",
        max_tokens: 8,
        stream: true,
        messages: [
          { role: "user", content: "PARITY_SCENARIO:read_file_roundtrip" },
          { role: "assistant", content: [{ type: "tool_use", id: "toolu_read_fixture", name: "Read", input: { file_path: "fixture.txt" } }] },
          {
            role: "user",
            content: [
              { type: "tool_result", tool_use_id: "toolu_read_fixture", content: READ_OUTPUT },
              { type: "text", text: "<reminder>stay in the workspace</reminder>" },
            ],
          },
        ],
      },
      true,
    );
    expect(reply.text).toBe(`read roundtrip complete: ${READ_OUTPUT}`);
  });
});
