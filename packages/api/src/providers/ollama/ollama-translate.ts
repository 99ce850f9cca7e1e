import type { ContentBlock, MessageRequest, MessageResponse, StopReason, Usage } from "../../message-model.js";
import { generateId } from "../client-core.js";
import { systemText, toolResultImages, toolResultText } from "../tool-result-text.js";
import type { OllamaChatChunk, OllamaMessage } from "./ollama-wire.js";

/** Our request → `/api/chat` body. Tool results name their tool (`tool_name`), found through the tool_use id. */
export function translateOllamaRequest(request: MessageRequest, stream: boolean): Record<string, unknown> {
  const messages: OllamaMessage[] = [];
  const system = systemText(request.system);
  if (system !== undefined) messages.push({ role: "system", content: system });
  const toolNames = new Map<string, string>();
  for (const message of request.messages) {
    const blocks: ContentBlock[] = typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
    if (message.role === "assistant") {
      const text = blocks.filter((block) => block.type === "text").map((block) => block.text).join("");
      const thinking = blocks.filter((block) => block.type === "thinking").map((block) => block.thinking).join("");
      const toolCalls = blocks
        .filter((block) => block.type === "tool_use")
        .map((block) => {
          toolNames.set(block.id, block.name);
          return { function: { name: block.name, arguments: block.input } };
        });
      messages.push({
        role: "assistant",
        content: text,
        ...(thinking === "" ? {} : { thinking }),
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      });
      continue;
    }
    const texts: string[] = [];
    const images: string[] = [];
    for (const block of blocks) {
      if (block.type === "tool_result") {
        const text = toolResultText(block);
        messages.push({
          role: "tool",
          content: block.is_error === true ? `Error: ${text}` : text,
          tool_name: toolNames.get(block.tool_use_id) ?? block.tool_use_id,
        });
        images.push(...toolResultImages(block).map((image) => image.source.data));
      } else if (block.type === "text") {
        texts.push(block.text);
      } else if (block.type === "image") {
        images.push(block.source.data);
      }
    }
    if (texts.length > 0 || images.length > 0) {
      messages.push({ role: "user", content: texts.join("\n\n"), ...(images.length > 0 ? { images } : {}) });
    }
  }
  const options: Record<string, unknown> = { num_predict: request.max_tokens };
  if (request.temperature !== undefined) options.temperature = request.temperature;
  const body: Record<string, unknown> = { model: request.model, messages, stream, options };
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        parameters: tool.input_schema,
      },
    }));
  }
  if (request.thinking?.type === "enabled") body.think = true;
  return body;
}

export function ollamaArguments(value: Record<string, unknown> | string | null | undefined): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value !== "string") return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function mapOllamaStopReason(doneReason: string | null | undefined, sawToolCall: boolean): StopReason {
  if (sawToolCall) return "tool_use";
  if (doneReason === "length") return "max_tokens";
  return "end_turn";
}

export function mapOllamaUsage(chunk: OllamaChatChunk): Usage {
  return {
    input_tokens: chunk.prompt_eval_count ?? 0,
    output_tokens: chunk.eval_count ?? 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
}

/** A non-streaming `/api/chat` reply → our message. */
export function translateOllamaResponse(chunk: OllamaChatChunk, model: string): MessageResponse {
  const content: ContentBlock[] = [];
  if (chunk.message?.thinking) content.push({ type: "thinking", thinking: chunk.message.thinking, signature: "" });
  if (chunk.message?.content) content.push({ type: "text", text: chunk.message.content });
  for (const call of chunk.message?.tool_calls ?? []) {
    content.push({ type: "tool_use", id: call.id ?? generateId("call"), name: call.function.name, input: ollamaArguments(call.function.arguments) });
  }
  const sawToolCall = content.some((block) => block.type === "tool_use");
  return {
    id: generateId("msg"),
    type: "message",
    role: "assistant",
    model: chunk.model ?? model,
    content,
    stop_reason: mapOllamaStopReason(chunk.done_reason, sawToolCall),
    stop_sequence: null,
    usage: mapOllamaUsage(chunk),
  };
}
