import type { ContentBlock, Message, MessageRequest, MessageResponse, StopReason, Usage } from "../../message-model.js";
import { imageDataUrl, systemText, toolResultImages, toolResultText } from "../tool-result-text.js";
import type { OpenAiChatMessage, OpenAiChatResponse, OpenAiContentPart, OpenAiUsage } from "./openai-chat-wire.js";
import { generateId } from "../client-core.js";

/** Models that take `max_completion_tokens` instead of `max_tokens`. */
export function usesMaxCompletionTokens(model: string): boolean {
  return /^(gpt-5|o1|o3|o4)/i.test(model);
}

function blocksOf(message: Message): ContentBlock[] {
  return typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
}

function userMessages(blocks: ContentBlock[]): OpenAiChatMessage[] {
  const messages: OpenAiChatMessage[] = [];
  const parts: OpenAiContentPart[] = [];
  for (const block of blocks) {
    if (block.type === "tool_result") {
      const text = toolResultText(block);
      messages.push({ role: "tool", tool_call_id: block.tool_use_id, content: block.is_error === true ? `Error: ${text}` : text });
      for (const image of toolResultImages(block)) parts.push({ type: "image_url", image_url: { url: imageDataUrl(image) } });
    } else if (block.type === "text") {
      parts.push({ type: "text", text: block.text });
    } else if (block.type === "image") {
      parts.push({ type: "image_url", image_url: { url: imageDataUrl(block) } });
    }
    // Other block types have no chat-completions form in a user turn.
  }
  if (parts.length > 0) {
    const onlyText = parts.every((part) => part.type === "text");
    messages.push({
      role: "user",
      content: onlyText ? parts.map((part) => (part as { text: string }).text).join("\n\n") : parts,
    });
  }
  return messages;
}

function assistantMessage(blocks: ContentBlock[]): OpenAiChatMessage {
  const text = blocks
    .filter((block) => block.type === "text")
    .map((block) => block.text)
    .join("");
  const toolCalls = blocks
    .filter((block) => block.type === "tool_use")
    .map((block) => ({
      id: block.id,
      type: "function" as const,
      function: { name: block.name, arguments: JSON.stringify(block.input) },
    }));
  return {
    role: "assistant",
    content: text === "" && toolCalls.length > 0 ? null : text,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}

/** Our request → chat completions body. */
export function translateOpenAiChatRequest(
  request: MessageRequest,
  stream: boolean,
  options: { reasoningEffort?: string | undefined } = {},
): Record<string, unknown> {
  const messages: OpenAiChatMessage[] = [];
  const system = systemText(request.system);
  if (system !== undefined) messages.push({ role: "system", content: system });
  for (const message of request.messages) {
    const blocks = blocksOf(message);
    if (message.role === "assistant") messages.push(assistantMessage(blocks));
    else messages.push(...userMessages(blocks));
  }
  const body: Record<string, unknown> = { model: request.model, messages };
  body[usesMaxCompletionTokens(request.model) ? "max_completion_tokens" : "max_tokens"] = request.max_tokens;
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
  const choice = request.tool_choice;
  if (choice !== undefined) {
    if (choice.type === "auto") body.tool_choice = "auto";
    else if (choice.type === "any") body.tool_choice = "required";
    else if (choice.type === "none") body.tool_choice = "none";
    else body.tool_choice = { type: "function", function: { name: choice.name } };
    if (choice.type !== "none" && choice.disable_parallel_tool_use === true) body.parallel_tool_calls = false;
  }
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.metadata?.user_id !== undefined) body.user = request.metadata.user_id;
  if (options.reasoningEffort !== undefined) body.reasoning_effort = options.reasoningEffort;
  if (stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return body;
}

export function mapOpenAiStopReason(reason: string | null | undefined, sawToolCall: boolean): StopReason {
  switch (reason) {
    case "stop":
      return sawToolCall ? "tool_use" : "end_turn";
    case "tool_calls":
    case "function_call":
      return "tool_use";
    case "length":
      return "max_tokens";
    case "content_filter":
      return "refusal";
    case null:
    case undefined:
      return sawToolCall ? "tool_use" : "end_turn";
    default:
      return reason;
  }
}

/** OpenAI's prompt_tokens include cached tokens; ours count them apart. */
export function mapOpenAiUsage(usage: OpenAiUsage | null | undefined): Usage {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}

/** Parses tool-call arguments; text that is not a JSON object becomes `{}`. */
export function parseToolArguments(text: string | null | undefined): Record<string, unknown> {
  if (text === null || text === undefined || text.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Non-streaming chat completion → our response. */
export function translateOpenAiChatResponse(response: OpenAiChatResponse, model: string): MessageResponse {
  const choice = response.choices[0];
  const content: ContentBlock[] = [];
  const reasoning = choice?.message.reasoning_content;
  if (reasoning) content.push({ type: "thinking", thinking: reasoning, signature: "" });
  const text = choice?.message.content ?? choice?.message.refusal;
  if (text) content.push({ type: "text", text });
  for (const call of choice?.message.tool_calls ?? []) {
    content.push({ type: "tool_use", id: call.id || generateId("call"), name: call.function.name, input: parseToolArguments(call.function.arguments) });
  }
  const sawToolCall = content.some((block) => block.type === "tool_use");
  return {
    id: response.id ?? generateId("msg"),
    type: "message",
    role: "assistant",
    model: response.model ?? model,
    content,
    stop_reason: mapOpenAiStopReason(choice?.finish_reason, sawToolCall),
    stop_sequence: null,
    usage: mapOpenAiUsage(response.usage),
  };
}
