import type { ContentBlock, Message, ToolResultBlock } from "@axion/api";
import { compactionHeader } from "../compaction/summary-message.js";
import type { SessionInterruptedToolsRepair, SessionPromptResentRepair } from "./session-records.js";

/** The text of the `is_error` result given to a tool call an unclean exit left without one. */
export const INTERRUPTED_TOOL_RESULT = "interrupted: axion stopped before this tool finished";

/**
 * How a session file is made valid again after an unclean exit (SIGKILL, a closed terminal, a crash, or an
 * older build that could not resume). Every repair is a record appended to the file, never an edit of it:
 *
 * - An assistant `tool_use` with no `tool_result` in the next message gets a synthesized `is_error` result
 *   ({@link INTERRUPTED_TOOL_RESULT}), inserted right after that message (after the results it already has). The
 *   loader finds these on every load and applies them to the history it returns; `SessionStore.resume` appends them
 *   as one `interrupted_tools` record, so the next load finds them done (the repair happens once).
 * - Prompts left at the end with no reply (the model call never finished) stay in the history as they are: sent as
 *   they are, the history is valid for every provider. The first prompt sent after resuming replaces them with one
 *   user message holding their content once, followed by the new prompt's blocks that are not already there, so
 *   resending the same prompt sends it once ({@link takeDanglingPrompt}); the file records this as one
 *   `prompt_resent` record, written when that prompt is sent, so an exit before then loses nothing.
 */
export function interruptedToolRepairs(messages: readonly Message[], timestamp: string): SessionInterruptedToolsRepair[] {
  const repairs: SessionInterruptedToolsRepair[] = [];
  for (const [index, message] of messages.entries()) {
    if (message.role !== "assistant" || typeof message.content === "string") continue;
    const ids = message.content.filter((block) => block.type === "tool_use").map((block) => block.id);
    if (ids.length === 0) continue;
    const answered = new Set(leadingResults(messages[index + 1]).map((block) => block.tool_use_id));
    const missing = ids.filter((id) => !answered.has(id));
    if (missing.length === 0) continue;
    repairs.push({
      type: "repair",
      kind: "interrupted_tools",
      tool_use_ids: missing,
      results: missing.map((id) => ({ type: "tool_result", tool_use_id: id, content: INTERRUPTED_TOOL_RESULT, is_error: true })),
      timestamp,
    });
  }
  return repairs;
}

/** The history with one `interrupted_tools` repair applied; unchanged when its tool call is no longer there. */
export function applyInterruptedToolsRepair(messages: Message[], repair: SessionInterruptedToolsRepair): Message[] {
  const first = repair.tool_use_ids[0];
  let index = -1;
  for (let at = messages.length - 1; at >= 0; at -= 1) {
    const message = messages[at]!;
    if (message.role === "assistant" && typeof message.content !== "string" && message.content.some((block) => block.type === "tool_use" && block.id === first)) {
      index = at;
      break;
    }
  }
  if (index === -1) return messages; // compacted away since
  const next = messages[index + 1];
  const present = leadingResults(next);
  const results = repair.results.filter((result) => !present.some((block) => block.tool_use_id === result.tool_use_id));
  if (results.length === 0) return messages;
  const repaired = [...messages];
  if (next !== undefined && present.length > 0 && typeof next.content !== "string") {
    repaired[index + 1] = { role: "user", content: [...present, ...results, ...next.content.slice(present.length)] };
  } else {
    repaired.splice(index + 1, 0, { role: "user", content: results });
  }
  return repaired;
}

/** The prompts at the end of a history that no reply answered. */
export interface DanglingPrompt {
  /** How many trailing user messages they are. */
  messages: number;
  /** Their blocks, each distinct block once. */
  content: ContentBlock[];
}

/**
 * The trailing user messages after the last assistant message that are prompts (no tool results, not a compaction
 * summary), or undefined when the history ends otherwise.
 */
export function findDanglingPrompt(messages: readonly Message[]): DanglingPrompt | undefined {
  let count = 0;
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index]!;
    if (!isPrompt(message)) break;
    count += 1;
  }
  if (count === 0) return undefined;
  return { messages: count, content: distinctBlocks(messages.slice(messages.length - count).flatMap(blocksOf)) };
}

/** The history with a `prompt_resent` record applied. */
export function applyPromptResentRepair(messages: Message[], repair: SessionPromptResentRepair): Message[] {
  const count = repair.replaced_messages;
  const trailing = messages.slice(messages.length - count);
  // replace only what the record says it replaces; otherwise (a compaction took them) the prompt is just added
  const replaces = count > 0 && count <= messages.length && trailing.every(isPrompt);
  return [...(replaces ? messages.slice(0, messages.length - count) : messages), repair.message];
}

/**
 * The prompt to send when `messages` ends in prompts no reply answered (a resumed session after an unclean exit, or
 * a turn that failed before the model replied): those messages are taken off `messages` and their blocks, each
 * once, open the prompt, followed by the blocks of `prompt` not among them, so resending the same prompt sends it
 * once and "continue" is added after it. `writer` is told to record the prompt as replacing them (a `prompt_resent`
 * record), so the file replays to the same history. Returns `prompt` unchanged when nothing dangles.
 */
export function takeDanglingPrompt(
  messages: Message[],
  writer: { replaceDanglingPromptWithNext(messages: number): void } | undefined,
  prompt: string | ContentBlock[],
): string | ContentBlock[] {
  const dangling = findDanglingPrompt(messages);
  if (dangling === undefined || writer === undefined) return prompt;
  messages.splice(messages.length - dangling.messages, dangling.messages);
  writer.replaceDanglingPromptWithNext(dangling.messages);
  const blocks: ContentBlock[] = typeof prompt === "string" ? [{ type: "text", text: prompt }] : prompt;
  return distinctBlocks([...dangling.content, ...blocks]);
}

function isPrompt(message: Message): boolean {
  if (message.role !== "user") return false;
  const blocks = blocksOf(message);
  if (blocks.length === 0 || blocks.some((block) => block.type === "tool_result")) return false;
  const first = blocks[0];
  return !(first?.type === "text" && first.text.startsWith(compactionHeader(0).slice(0, "[Session compacted.".length)));
}

function blocksOf(message: Message): ContentBlock[] {
  return typeof message.content === "string" ? (message.content === "" ? [] : [{ type: "text", text: message.content }]) : message.content;
}

function distinctBlocks(blocks: readonly ContentBlock[]): ContentBlock[] {
  const seen = new Set<string>();
  const kept: ContentBlock[] = [];
  for (const block of blocks) {
    const key = block.type === "text" ? `text\u0000${block.text.trim()}` : JSON.stringify(block);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(block);
  }
  return kept;
}

function leadingResults(message: Message | undefined): ToolResultBlock[] {
  if (message === undefined || message.role !== "user" || typeof message.content === "string") return [];
  const results: ToolResultBlock[] = [];
  for (const block of message.content) {
    if (block.type !== "tool_result") break;
    results.push(block);
  }
  return results;
}
