import type { ContentBlock, Message } from "@axion/api";

/** Text blocks and tool results are cut to this many characters in the summariser's transcript. */
export const TRANSCRIPT_TEXT_LIMIT = 2_000;
/** A tool call's input is cut to this many characters (the call stays on one line). */
export const TRANSCRIPT_TOOL_INPUT_LIMIT = 300;
/** Each heuristic summary line keeps this many characters of its message. */
export const HEURISTIC_LINE_LIMIT = 200;
/** The heuristic summary as a whole is capped at this many characters. */
export const HEURISTIC_SUMMARY_LIMIT = 8_000;

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function toolNames(messages: readonly Message[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    if (typeof message.content === "string") continue;
    for (const block of message.content) if (block.type === "tool_use") names.set(block.id, block.name);
  }
  return names;
}

function toolResultText(block: Extract<ContentBlock, { type: "tool_result" }>): string {
  if (typeof block.content === "string") return block.content;
  return block.content
    .map((part) => (part.type === "text" ? part.text : part.type === "json" ? JSON.stringify(part.value) : "[image]"))
    .join("\n");
}

/**
 * A plain-text transcript for the summariser: one paragraph per text block (cut at 2 000 characters), one line
 * per tool call and per tool result.
 */
export function buildTranscript(messages: readonly Message[]): string {
  const names = toolNames(messages);
  const parts: string[] = [];
  for (const message of messages) {
    if (typeof message.content === "string") {
      parts.push(`[${message.role}] ${cut(message.content, TRANSCRIPT_TEXT_LIMIT)}`);
      continue;
    }
    for (const block of message.content) {
      switch (block.type) {
        case "text":
          parts.push(`[${message.role}] ${cut(block.text, TRANSCRIPT_TEXT_LIMIT)}`);
          break;
        case "image":
          parts.push(`[${message.role}] [image]`);
          break;
        case "tool_use":
          parts.push(`[tool call] ${block.name} ${cut(oneLine(JSON.stringify(block.input)), TRANSCRIPT_TOOL_INPUT_LIMIT)}`);
          break;
        case "tool_result": {
          const name = names.get(block.tool_use_id) ?? block.tool_use_id;
          const status = block.is_error === true ? " (error)" : "";
          parts.push(`[tool result ${name}${status}] ${cut(oneLine(toolResultText(block)), TRANSCRIPT_TEXT_LIMIT)}`);
          break;
        }
        default:
          break; // thinking and unknown blocks carry nothing a summary needs
      }
    }
  }
  return parts.join("\n\n");
}

/** What one message says, on one line: its text, else its tool calls or results. */
export function messageGist(message: Message, names: ReadonlyMap<string, string> = new Map()): string {
  if (typeof message.content === "string") return oneLine(message.content);
  const texts: string[] = [];
  const others: string[] = [];
  for (const block of message.content) {
    if (block.type === "text") texts.push(block.text);
    else if (block.type === "image") others.push("[image]");
    else if (block.type === "tool_use") others.push(`tool call ${block.name} ${oneLine(JSON.stringify(block.input))}`);
    else if (block.type === "tool_result") {
      const name = names.get(block.tool_use_id) ?? "tool";
      const status = block.is_error === true ? " error" : "";
      others.push(`${name} result${status}: ${oneLine(toolResultText(block))}`);
    }
  }
  return oneLine([...texts, ...others].join(" "));
}

/** One line per message, `[role] text` cut at 200 characters, the whole capped at 8 000 characters. */
export function heuristicSummary(messages: readonly Message[]): string {
  const names = toolNames(messages);
  const lines: string[] = [];
  let length = 0;
  for (const [index, message] of messages.entries()) {
    const line = `[${message.role}] ${cut(messageGist(message, names), HEURISTIC_LINE_LIMIT)}`;
    // room is kept for the closing marker so the whole stays within the cap
    if (length + line.length + 1 > HEURISTIC_SUMMARY_LIMIT - 40) {
      lines.push(`[truncated: ${messages.length - index} more messages]`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join("\n");
}
