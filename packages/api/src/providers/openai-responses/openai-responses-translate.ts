import type { ContentBlock, MessageRequest, MessageResponse, StopReason, Usage } from "../../message-model.js";
import { generateId } from "../client-core.js";
import { parseToolArguments } from "../openai-chat/openai-chat-translate.js";
import { imageDataUrl, systemText, toolResultImages, toolResultText } from "../tool-result-text.js";
import type { ResponsesContentPart, ResponsesInputItem, ResponsesResponse, ResponsesUsage } from "./openai-responses-wire.js";

/** Models that take a `reasoning` setting: Codex, the o-series and gpt-5. */
export function isReasoningModel(model: string): boolean {
  return /codex|^(o1|o3|o4|gpt-5)/i.test(model);
}

/** Our request → Responses API body. Tool calls and their outputs are top-level input items. */
export function translateResponsesRequest(
  request: MessageRequest,
  stream: boolean,
  options: { reasoningEffort?: string | undefined } = {},
): Record<string, unknown> {
  const input: ResponsesInputItem[] = [];
  for (const message of request.messages) {
    const blocks: ContentBlock[] = typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
    let parts: ResponsesContentPart[] = [];
    const flush = (): void => {
      if (parts.length > 0) input.push({ type: "message", role: message.role, content: parts });
      parts = [];
    };
    for (const block of blocks) {
      if (block.type === "text") {
        parts.push(message.role === "assistant" ? { type: "output_text", text: block.text } : { type: "input_text", text: block.text });
      } else if (block.type === "image" && message.role === "user") {
        parts.push({ type: "input_image", image_url: imageDataUrl(block) });
      } else if (block.type === "tool_use") {
        flush();
        input.push({ type: "function_call", call_id: block.id, name: block.name, arguments: JSON.stringify(block.input) });
      } else if (block.type === "tool_result") {
        flush();
        const text = toolResultText(block);
        input.push({ type: "function_call_output", call_id: block.tool_use_id, output: block.is_error === true ? `Error: ${text}` : text });
        for (const image of toolResultImages(block)) parts.push({ type: "input_image", image_url: imageDataUrl(image) });
      }
      // Thinking and unknown blocks have no Responses input form without server-side storage.
    }
    flush();
  }
  const body: Record<string, unknown> = { model: request.model, input, store: false, max_output_tokens: request.max_tokens };
  const instructions = systemText(request.system);
  if (instructions !== undefined) body.instructions = instructions;
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: "function",
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.input_schema,
      strict: false,
    }));
  }
  const choice = request.tool_choice;
  if (choice !== undefined) {
    if (choice.type === "auto") body.tool_choice = "auto";
    else if (choice.type === "any") body.tool_choice = "required";
    else if (choice.type === "none") body.tool_choice = "none";
    else body.tool_choice = { type: "function", name: choice.name };
    if (choice.type !== "none" && choice.disable_parallel_tool_use === true) body.parallel_tool_calls = false;
  }
  const effort = options.reasoningEffort ?? (isReasoningModel(request.model) ? "medium" : undefined);
  if (effort !== undefined) body.reasoning = { effort };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (stream) body.stream = true;
  return body;
}

/** Responses usage counts cached tokens inside input_tokens; ours count them apart. */
export function mapResponsesUsage(usage: ResponsesUsage | null | undefined): Usage {
  const cached = usage?.input_tokens_details?.cached_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.input_tokens ?? 0) - cached),
    output_tokens: usage?.output_tokens ?? 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}

export function mapResponsesStatus(status: string | null | undefined, sawFunctionCall: boolean): StopReason {
  if (status === "incomplete") return "max_tokens";
  return sawFunctionCall ? "tool_use" : "end_turn";
}

/** Non-streaming response → our message. */
export function translateResponsesResponse(response: ResponsesResponse, model: string): MessageResponse {
  const content: ContentBlock[] = [];
  for (const item of response.output ?? []) {
    if (item.type === "message") {
      const text = (item.content ?? []).map((part) => part.text ?? part.refusal ?? "").join("");
      if (text !== "") content.push({ type: "text", text });
    } else if (item.type === "function_call") {
      content.push({
        type: "tool_use",
        id: item.call_id ?? item.id ?? generateId("call"),
        name: item.name ?? "",
        input: parseToolArguments(item.arguments),
      });
    } else if (item.type === "reasoning") {
      const summary = (item.summary ?? []).map((part) => part.text ?? "").join("\n");
      if (summary !== "") content.push({ type: "thinking", thinking: summary, signature: "" });
    } else {
      content.push({ type: "unknown", raw: item });
    }
  }
  const sawFunctionCall = content.some((block) => block.type === "tool_use");
  return {
    id: response.id ?? generateId("msg"),
    type: "message",
    role: "assistant",
    model: response.model ?? model,
    content,
    stop_reason: mapResponsesStatus(response.status, sawFunctionCall),
    stop_sequence: null,
    usage: mapResponsesUsage(response.usage),
  };
}
