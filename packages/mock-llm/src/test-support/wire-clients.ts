import type { WireFormat } from "../mock-types.js";
import { decodeChunks, parseSse, readChunks } from "./http-helpers.js";

/** A model reply reassembled from a stream or a JSON body, whatever the wire format. */
export interface CollectedReply {
  text: string;
  toolCalls: Array<{ id: string | undefined; name: string; argumentsJson: string; argumentChunks: string[] }>;
  inputTokens: number;
  outputTokens: number;
  stopReason: string;
  textChunkCount: number;
}

export interface ToolOutput {
  id: string | undefined;
  name: string;
  argumentsJson: string;
  output: string;
}

/** Minimal test clients for each wire format: request bodies and reply collectors. */
export interface WireClient {
  wireFormat: Exclude<WireFormat, "other">;
  path: string;
  model: string;
  firstRequest(prompt: string, stream: boolean): Record<string, unknown>;
  followUpRequest(prompt: string, calls: ToolOutput[], stream: boolean): Record<string, unknown>;
  collectStream(response: Response): Promise<CollectedReply>;
  collectJson(body: unknown): CollectedReply;
}

type Json = Record<string, any>;

function emptyReply(): CollectedReply {
  return { text: "", toolCalls: [], inputTokens: 0, outputTokens: 0, stopReason: "", textChunkCount: 0 };
}

async function sseEvents(response: Response): Promise<Json[]> {
  return parseSse(decodeChunks(await readChunks(response)))
    .filter((event) => event.data !== "[DONE]")
    .map((event) => JSON.parse(event.data) as Json);
}

export const anthropicClient: WireClient = {
  wireFormat: "anthropic",
  path: "/v1/messages",
  model: "claude-sonnet-4-6",
  firstRequest: (prompt, stream) => ({ model: "claude-sonnet-4-6", max_tokens: 512, stream, messages: [{ role: "user", content: [{ type: "text", text: prompt }] }] }),
  followUpRequest: (prompt, calls, stream) => ({
    model: "claude-sonnet-4-6",
    max_tokens: 512,
    stream,
    messages: [
      { role: "user", content: prompt },
      { role: "assistant", content: calls.map((call) => ({ type: "tool_use", id: call.id, name: call.name, input: JSON.parse(call.argumentsJson) })) },
      {
        role: "user",
        content: calls.map((call, position) => ({
          type: "tool_result",
          tool_use_id: call.id,
          // Alternate the two content shapes the API allows.
          content: position % 2 === 0 ? call.output : [{ type: "text", text: call.output }],
        })),
      },
    ],
  }),
  async collectStream(response) {
    const reply = emptyReply();
    const byIndex = new Map<number, CollectedReply["toolCalls"][number]>();
    for (const event of await sseEvents(response)) {
      if (event.type === "message_start") reply.inputTokens = event.message.usage.input_tokens;
      if (event.type === "content_block_start" && event.content_block.type === "tool_use") {
        const call = { id: event.content_block.id, name: event.content_block.name, argumentsJson: "", argumentChunks: [] as string[] };
        byIndex.set(event.index, call);
        reply.toolCalls.push(call);
      }
      if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
        reply.text += event.delta.text;
        reply.textChunkCount += 1;
      }
      if (event.type === "content_block_delta" && event.delta.type === "input_json_delta") {
        const call = byIndex.get(event.index);
        if (call === undefined) throw new Error("input_json_delta before content_block_start");
        call.argumentsJson += event.delta.partial_json;
        call.argumentChunks.push(event.delta.partial_json);
      }
      if (event.type === "message_delta") {
        reply.outputTokens = event.usage.output_tokens;
        reply.stopReason = event.delta.stop_reason;
      }
    }
    return reply;
  },
  collectJson(body) {
    const message = body as Json;
    const reply = emptyReply();
    for (const block of message.content) {
      if (block.type === "text") reply.text += block.text;
      if (block.type === "tool_use") reply.toolCalls.push({ id: block.id, name: block.name, argumentsJson: JSON.stringify(block.input), argumentChunks: [] });
    }
    reply.inputTokens = message.usage.input_tokens;
    reply.outputTokens = message.usage.output_tokens;
    reply.stopReason = message.stop_reason;
    return reply;
  },
};

export const openaiChatClient: WireClient = {
  wireFormat: "openai-chat",
  path: "/v1/chat/completions",
  model: "gpt-4o",
  firstRequest: (prompt, stream) => ({
    model: "gpt-4o",
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
    messages: [
      { role: "system", content: "You are a test." },
      { role: "user", content: prompt },
    ],
  }),
  followUpRequest: (prompt, calls, stream) => ({
    model: "gpt-4o",
    stream,
    ...(stream ? { stream_options: { include_usage: true } } : {}),
    messages: [
      { role: "user", content: [{ type: "text", text: prompt }] },
      { role: "assistant", content: null, tool_calls: calls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: call.argumentsJson } })) },
      ...calls.map((call) => ({ role: "tool", tool_call_id: call.id, content: call.output })),
    ],
  }),
  async collectStream(response) {
    const reply = emptyReply();
    const byIndex = new Map<number, CollectedReply["toolCalls"][number]>();
    for (const chunk of await sseEvents(response)) {
      if (chunk.usage) {
        reply.inputTokens = chunk.usage.prompt_tokens;
        reply.outputTokens = chunk.usage.completion_tokens;
      }
      const choice = chunk.choices[0];
      if (choice === undefined) continue;
      if (typeof choice.delta.content === "string" && choice.delta.content.length > 0) {
        reply.text += choice.delta.content;
        reply.textChunkCount += 1;
      }
      for (const delta of choice.delta.tool_calls ?? []) {
        let call = byIndex.get(delta.index);
        if (call === undefined) {
          call = { id: delta.id, name: delta.function.name, argumentsJson: "", argumentChunks: [] };
          byIndex.set(delta.index, call);
          reply.toolCalls.push(call);
        }
        if (delta.function.arguments.length > 0) {
          call.argumentsJson += delta.function.arguments;
          call.argumentChunks.push(delta.function.arguments);
        }
      }
      if (choice.finish_reason) reply.stopReason = choice.finish_reason;
    }
    return reply;
  },
  collectJson(body) {
    const completion = body as Json;
    const message = completion.choices[0].message;
    const reply = emptyReply();
    reply.text = message.content ?? "";
    for (const call of message.tool_calls ?? []) reply.toolCalls.push({ id: call.id, name: call.function.name, argumentsJson: call.function.arguments, argumentChunks: [] });
    reply.inputTokens = completion.usage.prompt_tokens;
    reply.outputTokens = completion.usage.completion_tokens;
    reply.stopReason = completion.choices[0].finish_reason;
    return reply;
  },
};

function collectResponseObject(response: Json, reply: CollectedReply): void {
  reply.inputTokens = response.usage.input_tokens;
  reply.outputTokens = response.usage.output_tokens;
  reply.stopReason = response.status;
}

export const openaiResponsesClient: WireClient = {
  wireFormat: "openai-responses",
  path: "/v1/responses",
  model: "gpt-5-codex",
  firstRequest: (prompt, stream) => ({ model: "gpt-5-codex", stream, instructions: "You are a test.", input: [{ role: "user", content: [{ type: "input_text", text: prompt }] }] }),
  followUpRequest: (prompt, calls, stream) => ({
    model: "gpt-5-codex",
    stream,
    input: [
      { type: "message", role: "user", content: prompt },
      ...calls.map((call) => ({ type: "function_call", call_id: call.id, name: call.name, arguments: call.argumentsJson })),
      ...calls.map((call) => ({ type: "function_call_output", call_id: call.id, output: call.output })),
    ],
  }),
  async collectStream(response) {
    const reply = emptyReply();
    const byOutput = new Map<number, CollectedReply["toolCalls"][number]>();
    let sequence = 0;
    for (const event of await sseEvents(response)) {
      if (event.sequence_number !== sequence) throw new Error(`sequence_number ${event.sequence_number}, expected ${sequence}`);
      sequence += 1;
      if (event.type === "response.output_item.added" && event.item.type === "function_call") {
        const call = { id: event.item.call_id, name: event.item.name, argumentsJson: "", argumentChunks: [] as string[] };
        byOutput.set(event.output_index, call);
        reply.toolCalls.push(call);
      }
      if (event.type === "response.output_text.delta") {
        reply.text += event.delta;
        reply.textChunkCount += 1;
      }
      if (event.type === "response.function_call_arguments.delta") {
        const call = byOutput.get(event.output_index);
        if (call === undefined) throw new Error("arguments delta before output_item.added");
        call.argumentsJson += event.delta;
        call.argumentChunks.push(event.delta);
      }
      if (event.type === "response.completed" || event.type === "response.incomplete") collectResponseObject(event.response, reply);
    }
    return reply;
  },
  collectJson(body) {
    const response = body as Json;
    const reply = emptyReply();
    for (const item of response.output) {
      if (item.type === "message") reply.text += item.content.map((part: Json) => part.text).join("");
      if (item.type === "function_call") reply.toolCalls.push({ id: item.call_id, name: item.name, argumentsJson: item.arguments, argumentChunks: [] });
    }
    collectResponseObject(response, reply);
    return reply;
  },
};

function collectOllamaLine(line: Json, reply: CollectedReply): void {
  if (line.message.content.length > 0) {
    reply.text += line.message.content;
    reply.textChunkCount += 1;
  }
  for (const call of line.message.tool_calls ?? []) {
    reply.toolCalls.push({ id: undefined, name: call.function.name, argumentsJson: JSON.stringify(call.function.arguments), argumentChunks: [] });
  }
  if (line.done === true) {
    reply.inputTokens = line.prompt_eval_count;
    reply.outputTokens = line.eval_count;
    reply.stopReason = line.done_reason;
  }
}

export const ollamaClient: WireClient = {
  wireFormat: "ollama",
  path: "/api/chat",
  model: "qwen2.5-coder",
  firstRequest: (prompt, stream) => ({ model: "qwen2.5-coder", stream, messages: [{ role: "user", content: prompt }] }),
  followUpRequest: (prompt, calls, stream) => ({
    model: "qwen2.5-coder",
    stream,
    messages: [
      { role: "user", content: prompt },
      { role: "assistant", content: "", tool_calls: calls.map((call) => ({ function: { name: call.name, arguments: JSON.parse(call.argumentsJson) } })) },
      ...calls.map((call) => ({ role: "tool", tool_name: call.name, content: call.output })),
    ],
  }),
  async collectStream(response) {
    const reply = emptyReply();
    const text = decodeChunks(await readChunks(response));
    if (!text.endsWith("\n")) throw new Error("NDJSON stream does not end with a newline");
    for (const line of text.split("\n").filter((candidate) => candidate.length > 0)) collectOllamaLine(JSON.parse(line) as Json, reply);
    return reply;
  },
  collectJson(body) {
    const reply = emptyReply();
    collectOllamaLine(body as Json, reply);
    reply.textChunkCount = 0;
    return reply;
  },
};

export const WIRE_CLIENTS: readonly WireClient[] = [anthropicClient, openaiChatClient, openaiResponsesClient, ollamaClient];
