import type { ContentBlock, Message, MessageRequest, TextBlock, ToolDefinition } from "../../message-model.js";
import type { AnthropicRequestBody } from "./anthropic-wire.js";

const EPHEMERAL = { type: "ephemeral" } as const;

/** One block as the Messages API expects it. */
function wireBlock(block: ContentBlock): Record<string, unknown> | undefined {
  switch (block.type) {
    case "unknown":
      return block.raw;
    case "thinking":
      // Thinking from other providers has no signature, and Anthropic rejects unsigned thinking.
      return block.signature === "" ? undefined : block;
    case "tool_result":
      if (typeof block.content === "string") return block;
      return {
        ...block,
        content: block.content.map((part) =>
          part.type === "json" ? { type: "text", text: JSON.stringify(part.value) } : part,
        ),
      };
    default:
      return block;
  }
}

function wireMessage(message: Message): Record<string, unknown> {
  if (typeof message.content === "string") return { role: message.role, content: message.content };
  const content = message.content.map(wireBlock).filter((block) => block !== undefined);
  return { role: message.role, content };
}

/** System prompt with a cache breakpoint on its last block. */
function wireSystem(system: string | TextBlock[]): TextBlock[] {
  const blocks: TextBlock[] = typeof system === "string" ? [{ type: "text", text: system }] : system.map((block) => ({ ...block }));
  const last = blocks.at(-1);
  if (last !== undefined) last.cache_control = EPHEMERAL;
  return blocks;
}

/** Tools with a cache breakpoint on the last one. */
function wireTools(tools: ToolDefinition[]): ToolDefinition[] {
  return tools.map((tool, index) => (index === tools.length - 1 ? { ...tool, cache_control: EPHEMERAL } : tool));
}

/** Our request → Messages API body, with prompt caching on the system prompt and the last tool. */
export function translateAnthropicRequest(request: MessageRequest, stream: boolean): AnthropicRequestBody {
  const body: AnthropicRequestBody = {
    model: request.model,
    max_tokens: request.max_tokens,
    messages: request.messages.map(wireMessage),
  };
  if (request.system !== undefined && (typeof request.system !== "string" || request.system !== "")) {
    body.system = wireSystem(request.system);
  }
  if (request.tools !== undefined && request.tools.length > 0) body.tools = wireTools(request.tools);
  if (request.tool_choice !== undefined) body.tool_choice = request.tool_choice;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.thinking !== undefined) body.thinking = request.thinking;
  if (request.metadata !== undefined) body.metadata = request.metadata;
  if (stream) body.stream = true;
  return body;
}
