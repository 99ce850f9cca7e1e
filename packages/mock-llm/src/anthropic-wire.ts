import { isRecord, textOfContent, type NormalizedMessage, type ToolResultView, type ToolUseView } from "./conversation-view.js";
import type { ResolvedTurn } from "./resolve-turn.js";
import { splitText } from "./split-text.js";
import { sseFrame, type RenderContext, type WireAdapter } from "./wire-adapter.js";

/** Anthropic Messages API: `POST /v1/messages`. */
export const anthropicWire: WireAdapter = {
  wireFormat: "anthropic",
  requestIdHeader: "request-id",
  streamContentType: "text/event-stream; charset=utf-8",
  keepAliveFrame: 'event: ping\ndata: {"type": "ping"}\n\n',
  toolIdPrefix: "toolu_mock",
  validate(body) {
    if (!Array.isArray(body["messages"])) return 'field "messages" must be an array';
    return undefined;
  },
  isStream: (body) => body["stream"] === true,
  readConversation(body) {
    const messages: NormalizedMessage[] = [];
    for (const message of body["messages"] as unknown[]) {
      if (!isRecord(message)) continue;
      const role = message["role"] === "assistant" ? "assistant" : "user";
      const content = message["content"];
      const toolResults: ToolResultView[] = [];
      const toolUses: ToolUseView[] = [];
      if (Array.isArray(content)) {
        for (const block of content) {
          if (!isRecord(block)) continue;
          if (block["type"] === "tool_result") {
            toolResults.push({
              toolUseId: typeof block["tool_use_id"] === "string" ? block["tool_use_id"] : undefined,
              toolName: undefined,
              content: textOfContent(block["content"], ["text"]).join("\n"),
              isError: block["is_error"] === true,
            });
          } else if (block["type"] === "tool_use" && typeof block["name"] === "string") {
            toolUses.push({ id: typeof block["id"] === "string" ? block["id"] : undefined, name: block["name"] });
          }
        }
      }
      messages.push({ role, texts: textOfContent(content, ["text"]), toolResults, toolUses });
    }
    return messages;
  },
  renderStream(turn, context) {
    const frames: string[] = [];
    const message = { ...messageShell(context), content: [], stop_reason: null, stop_sequence: null };
    frames.push(
      sseFrame("message_start", {
        type: "message_start",
        message: { ...message, usage: { ...usageOf(turn), output_tokens: 0 } },
      }),
    );
    frames.push(sseFrame("ping", { type: "ping" }));
    let index = 0;
    if (turn.thinking !== undefined) {
      frames.push(sseFrame("content_block_start", { type: "content_block_start", index, content_block: { type: "thinking", thinking: "", signature: "" } }));
      for (const piece of splitText(turn.thinking, 2)) {
        frames.push(sseFrame("content_block_delta", { type: "content_block_delta", index, delta: { type: "thinking_delta", thinking: piece } }));
      }
      frames.push(sseFrame("content_block_delta", { type: "content_block_delta", index, delta: { type: "signature_delta", signature: signatureOf(context) } }));
      frames.push(sseFrame("content_block_stop", { type: "content_block_stop", index }));
      index += 1;
    }
    if (turn.textChunks.length > 0) {
      frames.push(sseFrame("content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "" } }));
      for (const piece of turn.textChunks) {
        frames.push(sseFrame("content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text: piece } }));
      }
      frames.push(sseFrame("content_block_stop", { type: "content_block_stop", index }));
      index += 1;
    }
    for (const call of turn.toolCalls) {
      frames.push(
        sseFrame("content_block_start", { type: "content_block_start", index, content_block: { type: "tool_use", id: call.id, name: call.name, input: {} } }),
      );
      for (const piece of call.argumentChunks) {
        frames.push(sseFrame("content_block_delta", { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: piece } }));
      }
      frames.push(sseFrame("content_block_stop", { type: "content_block_stop", index }));
      index += 1;
    }
    frames.push(
      sseFrame("message_delta", {
        type: "message_delta",
        delta: { stop_reason: turn.stopReason, stop_sequence: null },
        usage: { output_tokens: turn.usage.output_tokens },
      }),
    );
    frames.push(sseFrame("message_stop", { type: "message_stop" }));
    return frames;
  },
  renderJson(turn, context) {
    const content: unknown[] = [];
    if (turn.thinking !== undefined) content.push({ type: "thinking", thinking: turn.thinking, signature: signatureOf(context) });
    if (turn.text.length > 0) content.push({ type: "text", text: turn.text });
    for (const call of turn.toolCalls) content.push({ type: "tool_use", id: call.id, name: call.name, input: call.input });
    return { ...messageShell(context), content, stop_reason: turn.stopReason, stop_sequence: null, usage: usageOf(turn) };
  },
  errorBody(status, message) {
    return { type: "error", error: { type: anthropicErrorType(status), message } };
  },
};

function messageShell(context: RenderContext): { id: string; type: "message"; role: "assistant"; model: string } {
  return { id: `msg_mock_${context.responseNumber}`, type: "message", role: "assistant", model: context.model };
}

function usageOf(turn: ResolvedTurn): Record<string, number> {
  return {
    input_tokens: turn.usage.input_tokens,
    output_tokens: turn.usage.output_tokens,
    cache_creation_input_tokens: turn.usage.cache_creation_input_tokens,
    cache_read_input_tokens: turn.usage.cache_read_input_tokens,
  };
}

function signatureOf(context: RenderContext): string {
  return Buffer.from(`mock-signature-${context.responseNumber}`).toString("base64");
}

/** The `error.type` Anthropic uses for an HTTP status. */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 503:
    case 529:
      return "overloaded_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}
