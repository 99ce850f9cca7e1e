import type { Message } from "@axion/api";
import { buildTranscript, heuristicSummary } from "./compaction-transcript.js";
import { estimateTokens } from "./estimate-tokens.js";
import { summaryMessage } from "./summary-message.js";

/** Summarises a transcript; rejects or returns "" to fall back to the heuristic summary. */
export type Summarizer = (transcript: string, signal: AbortSignal) => Promise<string>;

export interface CompactOptions {
  /** Messages kept verbatim at the end (default 4); the kept part never starts with an orphaned tool result. */
  keepRecent?: number | undefined;
  summarize?: Summarizer | undefined;
  signal?: AbortSignal | undefined;
  /** The transcript handed to the summariser is cut to this many characters (default 300 000). */
  maxTranscriptChars?: number | undefined;
}

export interface CompactResult {
  /** `[summary message, ...kept]`, or the input unchanged when there was nothing to compact. */
  messages: Message[];
  removedMessages: number;
  /** The summary text (without the header line); "" when nothing was removed. */
  summary: string;
  /** Whether the summary came from the summariser rather than the heuristic. */
  usedModel: boolean;
  /**
   * Set when a summary was made but not applied because it would not shrink the conversation (estimated tokens
   * after ≥ before); `messages` is then the input unchanged and `removedMessages` 0.
   */
  notSmaller?: { beforeTokens: number; afterTokens: number } | undefined;
}

export const DEFAULT_KEEP_RECENT = 4;
const DEFAULT_TRANSCRIPT_CHARS = 300_000;
/** The heuristic summary gets at most a third of the characters it replaces, and at least this many. */
const HEURISTIC_MIN_CHARS = 400;
const HEURISTIC_SHARE = 1 / 3;
/** The last user turn is kept whole when it holds at most this share of the conversation's estimated tokens. */
const KEEP_TURN_SHARE = 0.5;

function isToolResultOnly(message: Message): boolean {
  return (
    typeof message.content !== "string" &&
    message.content.length > 0 &&
    message.content.every((block) => block.type === "tool_result")
  );
}

function isCompactionSummary(message: Message): boolean {
  const first = typeof message.content === "string" ? message.content : message.content[0];
  const text = typeof first === "string" ? first : first?.type === "text" ? first.text : "";
  return message.role === "user" && text.startsWith("[Session compacted.");
}

/** Index of the last user message that is a prompt (not only tool results, not a compaction summary). */
function lastUserPromptIndex(messages: readonly Message[]): number {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message && message.role === "user" && !isToolResultOnly(message) && !isCompactionSummary(message)) return index;
  }
  return -1;
}

/** Moves `start` back until no kept tool result refers to a tool call that would be removed. */
function keepToolPairs(messages: readonly Message[], start: number): number {
  let cut = start;
  for (;;) {
    const callIndex = new Map<string, number>();
    for (let index = 0; index < cut; index += 1) {
      const message = messages[index];
      if (!message || typeof message.content === "string") continue;
      for (const block of message.content) if (block.type === "tool_use") callIndex.set(block.id, index);
    }
    let earliest = cut;
    for (let index = cut; index < messages.length; index += 1) {
      const message = messages[index];
      if (!message || typeof message.content === "string") continue;
      for (const block of message.content) {
        if (block.type !== "tool_result") continue;
        const at = callIndex.get(block.tool_use_id);
        if (at !== undefined && at < earliest) earliest = at;
      }
    }
    if (earliest === cut) return cut;
    cut = earliest;
  }
}

/** Whether removing `messages[0..start)` removes more than an earlier compaction summary. */
function worthRemoving(messages: readonly Message[], start: number): boolean {
  for (let index = 0; index < start; index += 1) {
    const message = messages[index];
    if (message && !isCompactionSummary(message)) return true;
  }
  return false;
}

function promptText(message: Message): string {
  if (typeof message.content === "string") return message.content;
  return message.content
    .map((block) => (block.type === "text" ? block.text : block.type === "image" ? "[image]" : ""))
    .filter((text) => text !== "")
    .join("\n");
}

function limitTranscript(transcript: string, limit: number): string {
  if (transcript.length <= limit) return transcript;
  const head = Math.floor(limit * 0.2);
  const tail = limit - head;
  return `${transcript.slice(0, head)}\n\n[… ${transcript.length - limit} characters omitted …]\n\n${transcript.slice(-tail)}`;
}

/**
 * Replaces the older part of a conversation with one summary message. Keeps the last `keepRecent` messages and
 * the whole last user turn verbatim when that turn holds at most half of the estimated tokens; when the turn is
 * larger (one long task), its request is carried verbatim inside the summary instead, so it is never lost. A tool call and its result
 * are never separated. The summariser gets a plain-text transcript; when it fails or returns nothing, a
 * heuristic summary (one short line per removed message, within a third of their size) is used. A result that
 * would not be smaller than the input is not applied (`notSmaller`). An abort rejects with the signal's reason.
 */
export async function compactMessages(messages: readonly Message[], options: CompactOptions = {}): Promise<CompactResult> {
  const unchanged: CompactResult = { messages: [...messages], removedMessages: 0, summary: "", usedModel: false };
  const keepRecent = Math.max(0, Math.floor(options.keepRecent ?? DEFAULT_KEEP_RECENT));
  let start = Math.max(0, messages.length - keepRecent);
  const promptIndex = lastUserPromptIndex(messages);
  if (promptIndex !== -1 && promptIndex < start) {
    // Keeping the whole turn is only worth it when the older part still holds most of the tokens.
    const withTurn = keepToolPairs(messages, promptIndex);
    const turnTokens = estimateTokens(messages.slice(withTurn));
    if (worthRemoving(messages, withTurn) && turnTokens <= estimateTokens(messages) * KEEP_TURN_SHARE) start = withTurn;
  }
  start = keepToolPairs(messages, start);
  if (start === 0 || !worthRemoving(messages, start)) return unchanged;

  const removed = messages.slice(0, start);
  const kept = messages.slice(start);
  const signal = options.signal ?? new AbortController().signal;
  signal.throwIfAborted();

  let summary = "";
  let usedModel = false;
  if (options.summarize) {
    const transcript = limitTranscript(buildTranscript(removed), options.maxTranscriptChars ?? DEFAULT_TRANSCRIPT_CHARS);
    try {
      summary = (await options.summarize(transcript, signal)).trim();
      usedModel = summary !== "";
    } catch (error) {
      if (signal.aborted) throw signal.reason ?? error;
      summary = "";
    }
  }
  if (summary === "") {
    const removedChars = estimateTokens(removed) * 4;
    summary = heuristicSummary(removed, Math.max(HEURISTIC_MIN_CHARS, Math.floor(removedChars * HEURISTIC_SHARE)));
  }

  const prompt = promptIndex !== -1 && promptIndex < start ? messages[promptIndex] : undefined;
  if (prompt) summary = `${summary}\n\nThe user's latest request, verbatim:\n${promptText(prompt)}`;

  const compacted = [summaryMessage(summary, removed.length), ...kept];
  const beforeTokens = estimateTokens(messages);
  const afterTokens = estimateTokens(compacted);
  // a summary as big as what it replaces only loses detail
  if (afterTokens >= beforeTokens) return { ...unchanged, usedModel, notSmaller: { beforeTokens, afterTokens } };
  return { messages: compacted, removedMessages: removed.length, summary, usedModel };
}
