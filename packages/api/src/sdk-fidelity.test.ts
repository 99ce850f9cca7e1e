import Anthropic from "@anthropic-ai/sdk";
import { startMockLlm, type MockLlmServer, type MockTurn } from "@axion/mock-llm";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createProviderClient } from "./create-provider-client.js";
import { collectStream } from "./message-accumulator.js";
import type { MessageResponse } from "./message-model.js";
import { makeTempConfigHome } from "./test-support/mock-providers.js";

/**
 * The official SDKs, pointed at mock-llm, read the same scripted turns as our clients. What they parse (text,
 * tool inputs, usage) must equal what ours parses: a check on both the mock's wire fidelity and our parsers.
 */

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

const turns: Record<string, MockTurn> = {
  text: { text: ["Mock streaming ", "says héllo — 世界 🎉"], usage: { input_tokens: 1000, output_tokens: 500 } },
  tools: {
    text: "Checking two things.",
    toolCalls: [
      { id: "toolu_multi_read", name: "Read", input: { file_path: "fixture.txt" } },
      {
        id: "toolu_multi_grep",
        name: "Grep",
        input: { pattern: "parity", path: "fixture.txt", output_mode: "count" },
        chunks: ['{"pattern":"par', 'ity","path":"fixture.txt"', ',"output_mode":"count"}'],
      },
    ],
    usage: { input_tokens: 50, output_tokens: 30, cache_read_input_tokens: 40 },
  },
};

interface Parsed {
  text: string;
  tools: { name: string; input: unknown }[];
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
}

function fromOurs(message: MessageResponse): Parsed {
  return {
    text: message.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join(""),
    tools: message.content.flatMap((block) => (block.type === "tool_use" ? [{ name: block.name, input: block.input }] : [])),
    inputTokens: message.usage.input_tokens,
    outputTokens: message.usage.output_tokens,
    cacheReadTokens: message.usage.cache_read_input_tokens,
  };
}

async function ours(model: string, env: Record<string, string>): Promise<Parsed> {
  const client = createProviderClient({ model, env, configHome: home.path });
  return fromOurs(await collectStream(client.stream({ max_tokens: 200, messages: [{ role: "user", content: "go" }] })));
}

describe.each(Object.keys(turns))("official SDKs agree with ours on the %s turn", (name) => {
  const turn = turns[name]!;
  /** Guards against two empty results agreeing. */
  const expectContent = (parsed: Parsed): void => {
    expect(parsed.text.length).toBeGreaterThan(5);
    expect(parsed.tools).toHaveLength(name === "tools" ? 2 : 0);
    expect(parsed.outputTokens).toBeGreaterThan(0);
  };

  it("Anthropic SDK messages.stream", async () => {
    mock.script([turn, turn, turn]);
    const sdk = new Anthropic({ apiKey: "test-key", baseURL: mock.baseUrl, maxRetries: 0 });
    const final = await sdk.messages
      .stream({ model: "claude-sonnet-4-6", max_tokens: 200, messages: [{ role: "user", content: "go" }] })
      .finalMessage();
    const viaStream: Parsed = {
      text: final.content.flatMap((block) => (block.type === "text" ? [block.text] : [])).join(""),
      tools: final.content.flatMap((block) => (block.type === "tool_use" ? [{ name: block.name, input: block.input }] : [])),
      inputTokens: final.usage.input_tokens,
      outputTokens: final.usage.output_tokens,
      cacheReadTokens: final.usage.cache_read_input_tokens ?? 0,
    };
    // create({stream:true}): the raw events, assembled by hand.
    const raw = await sdk.messages.create({ model: "claude-sonnet-4-6", max_tokens: 200, stream: true, messages: [{ role: "user", content: "go" }] });
    let rawText = "";
    let rawOutput = 0;
    for await (const event of raw) {
      if (event.type === "content_block_delta" && event.delta.type === "text_delta") rawText += event.delta.text;
      if (event.type === "message_delta") rawOutput = event.usage.output_tokens;
    }
    const mine = await ours("sonnet", { ANTHROPIC_API_KEY: "test-key", ANTHROPIC_BASE_URL: mock.baseUrl });
    expectContent(mine);
    expect(mine).toEqual(viaStream);
    expect(rawText).toBe(mine.text);
    expect(rawOutput).toBe(mine.outputTokens);
  });

  it("OpenAI SDK chat.completions.stream", async () => {
    mock.script([turn, turn]);
    const sdk = new OpenAI({ apiKey: "test-key", baseURL: `${mock.baseUrl}/v1`, maxRetries: 0 });
    const final = await sdk.chat.completions
      .stream({ model: "gpt-4o", messages: [{ role: "user", content: "go" }], stream_options: { include_usage: true } })
      .finalChatCompletion();
    const message = final.choices[0]!.message;
    const cached = final.usage?.prompt_tokens_details?.cached_tokens ?? 0;
    const theirs: Parsed = {
      text: message.content ?? "",
      tools: (message.tool_calls ?? []).flatMap((call) =>
        call.type === "function" ? [{ name: call.function.name, input: JSON.parse(call.function.arguments) as unknown }] : [],
      ),
      inputTokens: (final.usage?.prompt_tokens ?? 0) - cached,
      outputTokens: final.usage?.completion_tokens ?? 0,
      cacheReadTokens: cached,
    };
    const mine = await ours("gpt-4o", { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: `${mock.baseUrl}/v1` });
    expectContent(mine);
    expect(mine).toEqual(theirs);
  });

  it("OpenAI SDK responses.stream", async () => {
    mock.script([turn, turn]);
    const sdk = new OpenAI({ apiKey: "test-key", baseURL: `${mock.baseUrl}/v1`, maxRetries: 0 });
    const final = await sdk.responses.stream({ model: "gpt-5-codex", input: "go" }).finalResponse();
    const cached = final.usage?.input_tokens_details.cached_tokens ?? 0;
    const theirs: Parsed = {
      text: final.output_text,
      tools: final.output.flatMap((item) =>
        item.type === "function_call" ? [{ name: item.name, input: JSON.parse(item.arguments) as unknown }] : [],
      ),
      inputTokens: (final.usage?.input_tokens ?? 0) - cached,
      outputTokens: final.usage?.output_tokens ?? 0,
      cacheReadTokens: cached,
    };
    const mine = await ours("codex", { OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: `${mock.baseUrl}/v1` });
    expectContent(mine);
    expect(mine).toEqual(theirs);
  });
});
