import type { ContentBlock, Message } from "@axion/api";

/** The text blocks of a message joined with blank lines (tool calls, results and images left out). */
export function messageText(message: Message): string {
  if (typeof message.content === "string") return message.content;
  return message.content
    .filter((block): block is Extract<ContentBlock, { type: "text" }> => block.type === "text")
    .map((block) => block.text)
    .join("\n\n");
}

/** True for a user message that only carries tool results (not something the person typed). */
export function isToolResultMessage(message: Message): boolean {
  return (
    message.role === "user" &&
    typeof message.content !== "string" &&
    message.content.length > 0 &&
    message.content.every((block) => block.type === "tool_result")
  );
}

/** The tool_use blocks of a message. */
export function toolUsesOf(message: Message): Extract<ContentBlock, { type: "tool_use" }>[] {
  if (typeof message.content === "string") return [];
  return message.content.filter((block): block is Extract<ContentBlock, { type: "tool_use" }> => block.type === "tool_use");
}

/** The text of the last assistant message that has any, or undefined. */
export function lastAssistantText(messages: readonly Message[]): string | undefined {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message?.role !== "assistant") continue;
    const text = messageText(message).trim();
    if (text !== "") return text;
  }
  return undefined;
}
