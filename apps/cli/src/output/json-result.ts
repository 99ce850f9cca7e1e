import type { Usage } from "@axion/api";
import type { TurnResult } from "@axion/runtime";

/** The `--output-format json` object (DESIGN.md's CLI output contract). */
export interface JsonResult {
  message: string;
  model: string;
  session_id: string;
  iterations: number;
  auto_compaction: { removed_messages: number; notice: string } | null;
  tool_uses: { id: string; name: string; input: string }[];
  tool_results: { tool_use_id: string; tool_name: string; output: string; is_error: boolean }[];
  prompt_cache_events: TurnResult["promptCacheEvents"];
  usage: Usage & { total_tokens: number };
  estimated_cost: string;
  stop_reason: string;
}

export function buildJsonResult(turn: TurnResult, context: { model: string; sessionId: string; formatUsd: (usd: number) => string }): JsonResult {
  const usage = turn.usage;
  return {
    message: turn.stopReason === "end_turn" || turn.message !== "" ? turn.message : turn.stopMessage,
    model: context.model,
    session_id: context.sessionId,
    iterations: turn.iterations,
    auto_compaction: turn.autoCompaction,
    tool_uses: turn.toolUses,
    tool_results: turn.toolResults,
    prompt_cache_events: turn.promptCacheEvents,
    usage: {
      input_tokens: usage.input_tokens,
      output_tokens: usage.output_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      total_tokens: usage.input_tokens + usage.output_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens,
    },
    estimated_cost: context.formatUsd(turn.costUsd),
    stop_reason: turn.stopReason,
  };
}
