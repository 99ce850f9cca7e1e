import type { Message } from "@axion/api";

/** The first line of the message that stands in for compacted history. */
export function compactionHeader(removedMessages: number): string {
  const noun = removedMessages === 1 ? "message" : "messages";
  return `[Session compacted. Summary of ${removedMessages} earlier ${noun}:]`;
}

/** The user message that replaces `removedMessages` compacted messages: the header line, then the summary. */
export function summaryMessage(summary: string, removedMessages: number): Message {
  return { role: "user", content: [{ type: "text", text: `${compactionHeader(removedMessages)}\n${summary}` }] };
}
