import { CompactionError } from "./compaction-error.js";

export const AUTO_COMPACT_ENV = "AXION_AUTO_COMPACT_INPUT_TOKENS";

/** Share of the context window at which the conversation is compacted when the environment does not say. */
export const AUTO_COMPACT_WINDOW_SHARE = 0.8;

/**
 * Input tokens at which to compact: `AXION_AUTO_COMPACT_INPUT_TOKENS` when set (a positive integer; anything
 * else is an error naming the variable), else 80 % of the model's context window.
 */
export function autoCompactThreshold(env: Readonly<Record<string, string | undefined>>, contextWindow: number): number {
  const raw = env[AUTO_COMPACT_ENV];
  if (raw !== undefined && raw.trim() !== "") {
    const text = raw.trim().replace(/_/g, "");
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value <= 0) {
      throw new CompactionError(
        `${AUTO_COMPACT_ENV}: expected a positive whole number of tokens, got ${JSON.stringify(raw)}`,
        "compaction_threshold_invalid",
      );
    }
    return value;
  }
  return Math.floor(contextWindow * AUTO_COMPACT_WINDOW_SHARE);
}

/**
 * Whether to compact now: the input tokens the provider reported for the last request, or the local estimate of
 * the conversation, reached the threshold.
 */
export function shouldAutoCompact(input: {
  lastInputTokens?: number | undefined;
  estimate?: number | undefined;
  threshold: number;
}): boolean {
  const seen = Math.max(input.lastInputTokens ?? 0, input.estimate ?? 0);
  return input.threshold > 0 && seen >= input.threshold;
}
