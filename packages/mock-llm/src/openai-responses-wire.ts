import { isRecord, textOfContent, type NormalizedMessage } from "./conversation-view.js";
import { openaiErrorBody } from "./openai-chat-wire.js";
import type { ResolvedTurn } from "./resolve-turn.js";
import { sseFrame, type RenderContext, type WireAdapter } from "./wire-adapter.js";

/** OpenAI Responses API: `POST /v1/responses`. */
export const openaiResponsesWire: WireAdapter = {
  wireFormat: "openai-responses",
  requestIdHeader: "x-request-id",
  streamContentType: "text/event-stream; charset=utf-8",
  keepAliveFrame: ": keep-alive\n\n",
  toolIdPrefix: "call_mock",
  validate(body) {
    if (typeof body["input"] !== "string" && !Array.isArray(body["input"])) return 'field "input" must be a string or an array';
    return undefined;
  },
  isStream: (body) => body["stream"] === true,
  readConversation(body) {
    const input = body["input"];
    if (typeof input === "string") return [{ role: "user", texts: [input], toolResults: [], toolUses: [] }];
    const messages: NormalizedMessage[] = [];
    for (const item of input as unknown[]) {
      if (!isRecord(item)) continue;
      if (item["type"] === "function_call_output") {
        const output = item["output"];
        messages.push({
          role: "tool",
          texts: [],
          toolUses: [],
          toolResults: [
            {
              toolUseId: typeof item["call_id"] === "string" ? item["call_id"] : undefined,
              toolName: undefined,
              content: textOfContent(output, ["input_text", "output_text", "text"]).join("\n"),
              isError: false,
            },
          ],
        });
      } else if (item["type"] === "function_call" && typeof item["name"] === "string") {
        const id = typeof item["call_id"] === "string" ? item["call_id"] : undefined;
        messages.push({ role: "assistant", texts: [], toolResults: [], toolUses: [{ id, name: item["name"] }] });
      } else if ((item["type"] === undefined || item["type"] === "message") && typeof item["role"] === "string") {
        const role = item["role"] === "user" ? "user" : item["role"] === "assistant" ? "assistant" : "system";
        messages.push({ role, texts: textOfContent(item["content"], ["input_text", "output_text", "text"]), toolResults: [], toolUses: [] });
      }
    }
    return messages;
  },
  renderStream(turn, context) {
    const frames: string[] = [];
    let sequence = 0;
    const emit = (type: string, fields: Record<string, unknown>): void => {
      frames.push(sseFrame(type, { type, sequence_number: sequence, ...fields }));
      sequence += 1;
    };
    const inProgress = { ...responseShell(context), status: "in_progress", output: [], usage: null };
    emit("response.created", { response: inProgress });
    emit("response.in_progress", { response: inProgress });
    const output = outputItems(turn, context);
    for (const [outputIndex, item] of output.entries()) {
      if (item.type === "message") {
        const itemId = item.id;
        emit("response.output_item.added", { output_index: outputIndex, item: { ...item, status: "in_progress", content: [] } });
        emit("response.content_part.added", { item_id: itemId, output_index: outputIndex, content_index: 0, part: { type: "output_text", text: "", annotations: [] } });
        for (const piece of turn.textChunks) {
          emit("response.output_text.delta", { item_id: itemId, output_index: outputIndex, content_index: 0, delta: piece, logprobs: [] });
        }
        emit("response.output_text.done", { item_id: itemId, output_index: outputIndex, content_index: 0, text: turn.text, logprobs: [] });
        emit("response.content_part.done", { item_id: itemId, output_index: outputIndex, content_index: 0, part: item.content[0] });
        emit("response.output_item.done", { output_index: outputIndex, item });
      } else {
        const call = turn.toolCalls.find((candidate) => candidate.id === item.call_id);
        emit("response.output_item.added", { output_index: outputIndex, item: { ...item, arguments: "", status: "in_progress" } });
        for (const piece of call?.argumentChunks ?? [item.arguments]) {
          emit("response.function_call_arguments.delta", { item_id: item.id, output_index: outputIndex, delta: piece });
        }
        emit("response.function_call_arguments.done", { item_id: item.id, output_index: outputIndex, name: item.name, arguments: item.arguments });
        emit("response.output_item.done", { output_index: outputIndex, item });
      }
    }
    const final = finalResponse(turn, context, output);
    emit(final.status === "completed" ? "response.completed" : "response.incomplete", { response: final });
    return frames;
  },
  renderJson(turn, context) {
    return finalResponse(turn, context, outputItems(turn, context));
  },
  errorBody(status, message) {
    return openaiErrorBody(status, message);
  },
};

type OutputItem =
  | { type: "message"; id: string; status: "completed"; role: "assistant"; content: Array<{ type: "output_text"; text: string; annotations: [] }> }
  | { type: "function_call"; id: string; call_id: string; name: string; arguments: string; status: "completed" };

function outputItems(turn: ResolvedTurn, context: RenderContext): OutputItem[] {
  const items: OutputItem[] = [];
  if (turn.text.length > 0) {
    items.push({
      type: "message",
      id: `msg_mock_${context.responseNumber}`,
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: turn.text, annotations: [] }],
    });
  }
  for (const [position, call] of turn.toolCalls.entries()) {
    items.push({ type: "function_call", id: `fc_mock_${context.responseNumber}_${position}`, call_id: call.id, name: call.name, arguments: call.argumentsJson, status: "completed" });
  }
  return items;
}

function responseShell(context: RenderContext): Record<string, unknown> {
  return {
    id: `resp_mock_${context.responseNumber}`,
    object: "response",
    created_at: context.createdAt,
    model: context.model,
    error: null,
    incomplete_details: null,
    instructions: null,
    metadata: {},
    parallel_tool_calls: true,
    temperature: 1,
    top_p: 1,
    tool_choice: "auto",
    tools: [],
  };
}

function finalResponse(turn: ResolvedTurn, context: RenderContext, output: OutputItem[]): Record<string, unknown> {
  const incomplete = turn.stopReason === "max_tokens";
  const inputTokens = turn.usage.input_tokens + turn.usage.cache_read_input_tokens;
  return {
    ...responseShell(context),
    status: incomplete ? "incomplete" : "completed",
    incomplete_details: incomplete ? { reason: "max_output_tokens" } : null,
    output,
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: turn.usage.cache_read_input_tokens },
      output_tokens: turn.usage.output_tokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + turn.usage.output_tokens,
    },
  };
}
