import { isRecord, textOfContent, type NormalizedMessage } from "./conversation-view.js";
import type { ResolvedTurn } from "./resolve-turn.js";
import type { RenderContext, WireAdapter } from "./wire-adapter.js";

/** OpenAI chat completions: `POST /v1/chat/completions`. */
export const openaiChatWire: WireAdapter = {
  wireFormat: "openai-chat",
  requestIdHeader: "x-request-id",
  streamContentType: "text/event-stream; charset=utf-8",
  keepAliveFrame: ": keep-alive\n\n",
  toolIdPrefix: "call_mock",
  validate(body) {
    if (!Array.isArray(body["messages"])) return 'field "messages" must be an array';
    return undefined;
  },
  isStream: (body) => body["stream"] === true,
  readConversation(body) {
    const messages: NormalizedMessage[] = [];
    for (const message of body["messages"] as unknown[]) {
      if (!isRecord(message)) continue;
      const content = message["content"];
      if (message["role"] === "tool") {
        messages.push({
          role: "tool",
          texts: [],
          toolUses: [],
          toolResults: [
            {
              toolUseId: typeof message["tool_call_id"] === "string" ? message["tool_call_id"] : undefined,
              toolName: undefined,
              content: textOfContent(content, ["text"]).join("\n"),
              isError: false,
            },
          ],
        });
        continue;
      }
      const role = message["role"] === "assistant" ? "assistant" : message["role"] === "user" ? "user" : "system";
      const toolUses = (Array.isArray(message["tool_calls"]) ? message["tool_calls"] : []).flatMap((call: unknown) => {
        if (!isRecord(call) || !isRecord(call["function"]) || typeof call["function"]["name"] !== "string") return [];
        return [{ id: typeof call["id"] === "string" ? call["id"] : undefined, name: call["function"]["name"] }];
      });
      messages.push({ role, texts: textOfContent(content, ["text"]), toolResults: [], toolUses });
    }
    return messages;
  },
  renderStream(turn, context, body) {
    const includeUsage = isRecord(body["stream_options"]) && body["stream_options"]["include_usage"] === true;
    const frames: string[] = [];
    const chunk = (delta: Record<string, unknown>, finishReason: string | null): string =>
      dataFrame({
        ...completionShell(context, "chat.completion.chunk"),
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
        ...(includeUsage ? { usage: null } : {}),
      });
    frames.push(chunk({ role: "assistant", content: "" }, null));
    for (const piece of turn.textChunks) frames.push(chunk({ content: piece }, null));
    for (const [index, call] of turn.toolCalls.entries()) {
      frames.push(chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] }, null));
      for (const piece of call.argumentChunks) frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }, null));
    }
    frames.push(chunk({}, finishReasonOf(turn)));
    if (includeUsage) frames.push(dataFrame({ ...completionShell(context, "chat.completion.chunk"), choices: [], usage: usageOf(turn) }));
    frames.push("data: [DONE]\n\n");
    return frames;
  },
  renderJson(turn, context) {
    const message: Record<string, unknown> = { role: "assistant", content: turn.text.length > 0 ? turn.text : null, refusal: null };
    if (turn.toolCalls.length > 0) {
      message["tool_calls"] = turn.toolCalls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: call.argumentsJson } }));
    }
    return {
      ...completionShell(context, "chat.completion"),
      choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonOf(turn) }],
      usage: usageOf(turn),
    };
  },
  errorBody(status, message) {
    return openaiErrorBody(status, message);
  },
};

function completionShell(context: RenderContext, object: string): Record<string, unknown> {
  return { id: `chatcmpl-mock-${context.responseNumber}`, object, created: context.createdAt, model: context.model, system_fingerprint: null };
}

function dataFrame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

function finishReasonOf(turn: ResolvedTurn): "stop" | "tool_calls" | "length" {
  if (turn.stopReason === "max_tokens") return "length";
  return turn.stopReason === "tool_use" ? "tool_calls" : "stop";
}

/** OpenAI counts cached prompt tokens inside `prompt_tokens`. */
function usageOf(turn: ResolvedTurn): Record<string, unknown> {
  const promptTokens = turn.usage.input_tokens + turn.usage.cache_read_input_tokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: turn.usage.output_tokens,
    total_tokens: promptTokens + turn.usage.output_tokens,
    prompt_tokens_details: { cached_tokens: turn.usage.cache_read_input_tokens },
  };
}

/** The OpenAI error body shape, shared by chat completions and Responses. */
export function openaiErrorBody(status: number, message: string): unknown {
  const type =
    status === 429 ? "rate_limit_exceeded" : status === 401 ? "invalid_api_key" : status >= 500 ? "server_error" : "invalid_request_error";
  return { error: { message, type, param: null, code: status === 429 ? "rate_limit_exceeded" : null } };
}
