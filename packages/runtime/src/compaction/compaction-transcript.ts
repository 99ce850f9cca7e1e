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

/** Per-line cuts tried in turn until the summary fits its budget: [user prompts, everything else]. */
const LINE_CUTS: readonly (readonly [number, number])[] = [
  [HEURISTIC_LINE_LIMIT, 100],
  [120, 60],
  [60, 30],
];

function isPrompt(message: Message): boolean {
  return (
    message.role === "user" &&
    (typeof message.content === "string" || message.content.some((block) => block.type === "text" || block.type === "image"))
  );
}

function summaryLines(messages: readonly Message[], names: ReadonlyMap<string, string>, promptCut: number, otherCut: number): string[] {
  return messages.map((message) => `[${message.role}] ${cut(messageGist(message, names), isPrompt(message) ? promptCut : otherCut)}`);
}

/**
 * One line per message, `[role] text`: user prompts cut at 200 characters, replies, tool calls and results at 100.
 * The whole stays within `limit` characters (at most 8 000): the lines are cut shorter first, then the middle
 * messages give way to one `[… N messages omitted …]` line, so the first request and the latest work both stay.
 */
export function heuristicSummary(messages: readonly Message[], limit: number = HEURISTIC_SUMMARY_LIMIT): string {
  const budget = Math.max(1, Math.min(limit, HEURISTIC_SUMMARY_LIMIT));
  const names = toolNames(messages);
  let lines: string[] = [];
  for (const [promptCut, otherCut] of LINE_CUTS) {
    lines = summaryLines(messages, names, promptCut, otherCut);
    if (lines.join("\n").length <= budget) return lines.join("\n");
  }
  // room is kept for the marker line; a quarter of the rest goes to the oldest lines, the others to the newest
  const room = budget - 40;
  const head: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > room / 4) break;
    head.push(line);
    used += line.length + 1;
  }
  const tail: string[] = [];
  for (let index = lines.length - 1; index >= head.length; index -= 1) {
    const line = lines[index] ?? "";
    if (used + line.length + 1 > room) break;
    tail.unshift(line);
    used += line.length + 1;
  }
  const omitted = lines.length - head.length - tail.length;
  return [...head, `[… ${omitted} ${omitted === 1 ? "message" : "messages"} omitted …]`, ...tail].join("\n");
}
