import { resolveModel } from "./resolve-model.js";

/** US dollars per million tokens. */
export interface ModelPricing {
  inputPerMillion: number;
  outputPerMillion: number;
  /** Writing the prompt cache (Anthropic); providers without a surcharge use the input price. */
  cacheWritePerMillion: number;
  cacheReadPerMillion: number;
}

export interface ModelInfo {
  /** The wire model name looked up. */
  model: string;
  /** False when the model is not in the table: limits are defaults and prices are Sonnet's. */
  known: boolean;
  contextWindow: number;
  maxOutputTokens: number;
  pricing: ModelPricing;
}

function price(input: number, output: number, cacheWrite: number | undefined, cacheRead: number): ModelPricing {
  return {
    inputPerMillion: input,
    outputPerMillion: output,
    cacheWritePerMillion: cacheWrite ?? input,
    cacheReadPerMillion: cacheRead,
  };
}

const SONNET_PRICING = price(3, 15, 3.75, 0.3);
const FREE_PRICING = price(0, 0, 0, 0);
const LOCAL_CONTEXT = 32_768;

interface Entry {
  pattern: RegExp;
  contextWindow: number;
  maxOutputTokens: number;
  pricing: ModelPricing;
}

/** First match wins, so more specific names come first. */
const ENTRIES: readonly Entry[] = [
  { pattern: /^claude-.*opus/, contextWindow: 200_000, maxOutputTokens: 32_000, pricing: price(5, 25, 6.25, 0.5) },
  { pattern: /^claude-.*haiku/, contextWindow: 200_000, maxOutputTokens: 64_000, pricing: price(1, 5, 1.25, 0.1) },
  { pattern: /^claude-.*sonnet/, contextWindow: 200_000, maxOutputTokens: 64_000, pricing: SONNET_PRICING },
  { pattern: /^claude-/, contextWindow: 200_000, maxOutputTokens: 32_000, pricing: SONNET_PRICING },
  { pattern: /^gpt-5(\.\d+)?-codex-mini/, contextWindow: 400_000, maxOutputTokens: 128_000, pricing: price(0.25, 2, undefined, 0.025) },
  { pattern: /^gpt-5(\.\d+)?-codex/, contextWindow: 400_000, maxOutputTokens: 128_000, pricing: price(1.25, 10, undefined, 0.125) },
  { pattern: /^codex-mini/, contextWindow: 200_000, maxOutputTokens: 100_000, pricing: price(0.25, 2, undefined, 0.025) },
  { pattern: /^gpt-5(\.\d+)?-nano/, contextWindow: 400_000, maxOutputTokens: 128_000, pricing: price(0.05, 0.4, undefined, 0.005) },
  { pattern: /^gpt-5(\.\d+)?-mini/, contextWindow: 400_000, maxOutputTokens: 128_000, pricing: price(0.25, 2, undefined, 0.025) },
  { pattern: /^gpt-5(\.\d+)?(-\d{4}-\d{2}-\d{2}|-chat-latest)?$/, contextWindow: 400_000, maxOutputTokens: 128_000, pricing: price(1.25, 10, undefined, 0.125) },
  { pattern: /^gpt-4\.1-nano/, contextWindow: 1_047_576, maxOutputTokens: 32_768, pricing: price(0.1, 0.4, undefined, 0.025) },
  { pattern: /^gpt-4\.1-mini/, contextWindow: 1_047_576, maxOutputTokens: 32_768, pricing: price(0.4, 1.6, undefined, 0.1) },
  { pattern: /^gpt-4\.1/, contextWindow: 1_047_576, maxOutputTokens: 32_768, pricing: price(2, 8, undefined, 0.5) },
  { pattern: /^gpt-4o-mini/, contextWindow: 128_000, maxOutputTokens: 16_384, pricing: price(0.15, 0.6, undefined, 0.075) },
  { pattern: /^gpt-4o/, contextWindow: 128_000, maxOutputTokens: 16_384, pricing: price(2.5, 10, undefined, 1.25) },
  { pattern: /^o4-mini/, contextWindow: 200_000, maxOutputTokens: 100_000, pricing: price(1.1, 4.4, undefined, 0.275) },
  { pattern: /^o3-mini/, contextWindow: 200_000, maxOutputTokens: 100_000, pricing: price(1.1, 4.4, undefined, 0.55) },
  { pattern: /^o3/, contextWindow: 200_000, maxOutputTokens: 100_000, pricing: price(15, 60, undefined, 7.5) },
  { pattern: /^o1/, contextWindow: 200_000, maxOutputTokens: 100_000, pricing: price(15, 60, undefined, 7.5) },
  { pattern: /^grok-3-mini/, contextWindow: 131_072, maxOutputTokens: 16_000, pricing: price(5, 15, undefined, 5) },
  { pattern: /^grok-/, contextWindow: 131_072, maxOutputTokens: 16_000, pricing: price(5, 15, undefined, 5) },
  // Local models run on the user's machine: no charge.
  {
    pattern: /^(llama|mistral|codellama|deepseek|phi|gemma|qwen)/,
    contextWindow: LOCAL_CONTEXT,
    maxOutputTokens: 16_000,
    pricing: FREE_PRICING,
  },
];

/** Limits and prices for a model name, alias or `provider/model`. */
export function getModelInfo(model: string): ModelInfo {
  const resolved = resolveModel(model);
  const name = resolved.model.toLowerCase();
  const entry = ENTRIES.find((candidate) => candidate.pattern.test(name));
  if (entry !== undefined) {
    return {
      model: resolved.model,
      known: true,
      contextWindow: entry.contextWindow,
      maxOutputTokens: entry.maxOutputTokens,
      pricing: entry.pricing,
    };
  }
  const local = resolved.provider === "ollama" || resolved.provider === "openai-compatible";
  return {
    model: resolved.model,
    known: false,
    contextWindow: local ? LOCAL_CONTEXT : 200_000,
    maxOutputTokens: 16_000,
    // an Ollama model runs on the user's machine: no charge, whatever its name
    pricing: resolved.provider === "ollama" ? FREE_PRICING : SONNET_PRICING,
  };
}

export interface CostEstimate {
  totalUsd: number;
  inputUsd: number;
  outputUsd: number;
  cacheWriteUsd: number;
  cacheReadUsd: number;
}

export interface UsageCounts {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens?: number | null | undefined;
  cache_read_input_tokens?: number | null | undefined;
}

/** What `usage` costs at `model`'s prices (Sonnet's for unknown models). */
export function estimateCost(usage: UsageCounts, model: string): CostEstimate {
  const { pricing } = getModelInfo(model);
  const inputUsd = (usage.input_tokens * pricing.inputPerMillion) / 1_000_000;
  const outputUsd = (usage.output_tokens * pricing.outputPerMillion) / 1_000_000;
  const cacheWriteUsd = ((usage.cache_creation_input_tokens ?? 0) * pricing.cacheWritePerMillion) / 1_000_000;
  const cacheReadUsd = ((usage.cache_read_input_tokens ?? 0) * pricing.cacheReadPerMillion) / 1_000_000;
  return { totalUsd: inputUsd + outputUsd + cacheWriteUsd + cacheReadUsd, inputUsd, outputUsd, cacheWriteUsd, cacheReadUsd };
}

/** `$0.0105`: dollars with four decimals. */
export function formatUsd(amount: number): string {
  return `$${amount.toFixed(4)}`;
}
