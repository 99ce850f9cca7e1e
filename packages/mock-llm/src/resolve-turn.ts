import { isDeepStrictEqual } from "node:util";
import type { MockTurn, MockUsage } from "./mock-types.js";
import { splitText } from "./split-text.js";

export interface ResolvedToolCall {
  id: string;
  name: string;
  input: unknown;
  /** The whole input as a JSON string (the joined chunks). */
  argumentsJson: string;
  argumentChunks: string[];
}

/** A turn with every default filled in, ready for any wire format. */
export interface ResolvedTurn {
  textChunks: string[];
  text: string;
  thinking: string | undefined;
  toolCalls: ResolvedToolCall[];
  usage: Required<MockUsage>;
  stopReason: "end_turn" | "tool_use" | "max_tokens";
  delayMs: number;
  chunkDelayMs: number;
}

export const DEFAULT_INPUT_TOKENS = 10;

/** Reject a scripted turn that cannot be served, with a one-line message naming the field. */
export function validateTurn(turn: MockTurn, label: string): void {
  for (const [position, call] of (turn.toolCalls ?? []).entries()) {
    const where = `${label} toolCalls[${position}] (${call.name})`;
    if (typeof call.name !== "string" || call.name.length === 0) {
      throw new TypeError(`mock-llm: ${where}: "name" must be a non-empty string`);
    }
    if (call.chunks === undefined) continue;
    const joined = call.chunks.join("");
    let parsed: unknown;
    try {
      parsed = JSON.parse(joined);
    } catch {
      throw new TypeError(`mock-llm: ${where}: "chunks" join to invalid JSON: ${joined}`);
    }
    if (!isDeepStrictEqual(parsed, call.input)) {
      throw new TypeError(`mock-llm: ${where}: "chunks" join to ${joined}, which differs from "input"`);
    }
  }
  for (const field of ["delayMs", "chunkDelayMs"] as const) {
    const value = turn[field];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new TypeError(`mock-llm: ${label}: "${field}" must be a number >= 0`);
    }
  }
}

/** Fill in ids, chunking, usage and stop reason. `toolIdPrefix` names generated tool-use ids. */
export function resolveTurn(turn: MockTurn, toolIdPrefix: string): ResolvedTurn {
  const textChunks = Array.isArray(turn.text) ? turn.text.filter((chunk) => chunk.length > 0) : splitText(turn.text ?? "");
  const text = textChunks.join("");
  const toolCalls = (turn.toolCalls ?? []).map((call, position): ResolvedToolCall => {
    const argumentsJson = call.chunks !== undefined ? call.chunks.join("") : JSON.stringify(call.input ?? {});
    const argumentChunks = call.chunks !== undefined ? call.chunks.slice() : splitText(argumentsJson, 3);
    return { id: call.id ?? `${toolIdPrefix}_${position}`, name: call.name, input: call.input ?? {}, argumentsJson, argumentChunks };
  });
  const outputCharacters = text.length + (turn.thinking ?? "").length + toolCalls.reduce((sum, call) => sum + call.argumentsJson.length, 0);
  const usage: Required<MockUsage> = {
    input_tokens: turn.usage?.input_tokens ?? DEFAULT_INPUT_TOKENS,
    output_tokens: turn.usage?.output_tokens ?? Math.max(1, Math.ceil(outputCharacters / 4)),
    cache_creation_input_tokens: turn.usage?.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: turn.usage?.cache_read_input_tokens ?? 0,
  };
  return {
    textChunks,
    text,
    thinking: turn.thinking,
    toolCalls,
    usage,
    stopReason: turn.stopReason ?? (toolCalls.length > 0 ? "tool_use" : "end_turn"),
    delayMs: turn.delayMs ?? 0,
    chunkDelayMs: turn.chunkDelayMs ?? 0,
  };
}
