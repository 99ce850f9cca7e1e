import type { ContentBlock, Message, Usage } from "@axion/api";
import { formatCost, priceUsage, type LoadedSession } from "@axion/runtime";
import { fenced, formatCount } from "../text/format-text.js";
import { isToolResultMessage } from "../text/message-text.js";
import { messageCountText } from "../text/message-count-text.js";

/** Tool results longer than this are cut in the transcript. */
export const TRANSCRIPT_RESULT_LIMIT = 3_000;

/** One entry of the transcript: a message (with the usage of the call that produced it) or a compaction note. */
export type TranscriptEntry =
  | { kind: "message"; message: Message; usage?: Usage | undefined; model?: string | undefined }
  | { kind: "compaction"; removedMessages: number };

export interface TranscriptHeader {
  sessionId: string;
  model: string;
  exportedAt: Date;
  parent?: { session_id: string; branch?: string | undefined } | undefined;
  compactions: number;
  /** Messages a resume starts from (the summary in place of compacted ones); shown when there were compactions. */
  messagesInContext?: number | undefined;
  usage: Usage;
  costUsd: number;
}

/** The entries of a loaded session file, compacted history included. */
export function transcriptEntries(session: LoadedSession): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  for (const record of session.records) {
    if (record.type === "message") {
      const { message, usage, model } = record as { message: Message; usage?: Usage; model?: string };
      entries.push({ kind: "message", message, usage, model });
    } else if (record.type === "compaction") {
      entries.push({ kind: "compaction", removedMessages: Number((record as { removed_messages?: unknown }).removed_messages ?? 0) });
    }
  }
  return entries;
}

function resultText(content: Extract<ContentBlock, { type: "tool_result" }>["content"]): string {
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? part.text : `[${part.type}]`)).join("\n");
}

function cut(text: string): string {
  if (text.length <= TRANSCRIPT_RESULT_LIMIT) return text;
  return `${text.slice(0, TRANSCRIPT_RESULT_LIMIT)}\n… (${formatCount(text.length - TRANSCRIPT_RESULT_LIMIT)} more characters)`;
}

function renderBlocks(message: Message, toolNames: Map<string, string>): string[] {
  if (typeof message.content === "string") return [message.content];
  const parts: string[] = [];
  for (const block of message.content) {
    switch (block.type) {
      case "text":
        if (block.text.trim() !== "") parts.push(block.text);
        break;
      case "image":
        parts.push("_[image]_");
        break;
      case "tool_use":
        toolNames.set(block.id, block.name);
        parts.push(`<details><summary>Tool use: ${block.name}</summary>\n\n${fenced(JSON.stringify(block.input, null, 2), "json")}\n\n</details>`);
        break;
      case "tool_result": {
        const name = toolNames.get(block.tool_use_id) ?? block.tool_use_id;
        const mark = block.is_error === true ? "❌" : "✅";
        parts.push(`<details><summary>${mark} Result: ${name}</summary>\n\n${fenced(cut(resultText(block.content)))}\n\n</details>`);
        break;
      }
      default:
        break;
    }
  }
  return parts;
}

/** A Markdown transcript: a header, then `## Turn N` with `### You` and `### Axion` sections. */
export function renderTranscript(header: TranscriptHeader, entries: readonly TranscriptEntry[]): string {
  const messageCount = entries.filter((entry) => entry.kind === "message").length;
  const lines: string[] = [
    `# axion session ${header.sessionId}`,
    "",
    `- Session: ${header.sessionId}`,
    `- Exported: ${header.exportedAt.toISOString()}`,
    `- Model: ${header.model}`,
    `- Messages: ${messageCountText(messageCount, header.messagesInContext ?? messageCount, header.compactions)}`,
  ];
  if (header.parent !== undefined) {
    lines.push(`- Forked from: ${header.parent.session_id}${header.parent.branch === undefined ? "" : ` (branch ${header.parent.branch})`}`);
  }
  lines.push(
    `- Compactions: ${header.compactions}`,
    `- Tokens: ${formatCount(header.usage.input_tokens)} in / ${formatCount(header.usage.output_tokens)} out · ${formatCost(header.costUsd)}`,
  );
  const toolNames = new Map<string, string>();
  let turn = 0;
  let speaker: "user" | "assistant" | undefined;
  for (const entry of entries) {
    if (entry.kind === "compaction") {
      lines.push("", `> Compacted: ${entry.removedMessages} earlier messages were replaced by a summary.`);
      continue;
    }
    const { message } = entry;
    const fromPerson = message.role === "user" && !isToolResultMessage(message);
    if (fromPerson) {
      turn += 1;
      lines.push("", `## Turn ${turn}`, "", "### You");
      speaker = "user";
    } else if (speaker !== "assistant") {
      lines.push("", "### Axion");
      speaker = "assistant";
    }
    for (const part of renderBlocks(message, toolNames)) lines.push("", part);
    if (entry.usage !== undefined && message.role === "assistant") {
      const model = entry.model ?? header.model;
      const cost = formatCost(priceUsage(entry.usage, model));
      lines.push("", `_Tokens: ${formatCount(entry.usage.input_tokens)} in / ${formatCount(entry.usage.output_tokens)} out · ${cost} (${model})_`);
    }
  }
  return `${lines.join("\n")}\n`;
}
