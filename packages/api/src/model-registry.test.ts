import { describe, expect, it } from "vitest";
import { estimateCost, formatUsd, getModelInfo } from "./model-registry.js";

describe("getModelInfo", () => {
  it.each([
    ["sonnet", 200_000, 64_000, [3, 15, 3.75, 0.3]],
    ["claude-haiku-4-5", 200_000, 64_000, [1, 5, 1.25, 0.1]],
    ["opus[1m]", 200_000, 32_000, [5, 25, 6.25, 0.5]],
    ["gpt-4o", 128_000, 16_384, [2.5, 10, 2.5, 1.25]],
    ["gpt-4o-mini", 128_000, 16_384, [0.15, 0.6, 0.15, 0.075]],
    ["gpt-4.1", 1_047_576, 32_768, [2, 8, 2, 0.5]],
    ["gpt-4.1-mini", 1_047_576, 32_768, [0.4, 1.6, 0.4, 0.1]],
    ["gpt-4.1-nano", 1_047_576, 32_768, [0.1, 0.4, 0.1, 0.025]],
    ["gpt-5", 400_000, 128_000, [1.25, 10, 1.25, 0.125]],
    ["gpt-5-mini", 400_000, 128_000, [0.25, 2, 0.25, 0.025]],
    ["gpt-5-nano", 400_000, 128_000, [0.05, 0.4, 0.05, 0.005]],
    ["codex", 400_000, 128_000, [1.25, 10, 1.25, 0.125]],
    ["o3", 200_000, 100_000, [15, 60, 15, 7.5]],
    ["o4-mini", 200_000, 100_000, [1.1, 4.4, 1.1, 0.275]],
    ["grok-3", 131_072, 16_000, [5, 15, 5, 5]],
    ["qwen", 32_768, 16_000, [0, 0, 0, 0]],
  ] as const)("%s", (model, contextWindow, maxOutputTokens, prices) => {
    const info = getModelInfo(model);
    expect(info.known).toBe(true);
    expect(info.contextWindow).toBe(contextWindow);
    expect(info.maxOutputTokens).toBe(maxOutputTokens);
    expect([
      info.pricing.inputPerMillion,
      info.pricing.outputPerMillion,
      info.pricing.cacheWritePerMillion,
      info.pricing.cacheReadPerMillion,
    ]).toEqual(prices);
  });

  it("falls back to Sonnet prices for unknown models", () => {
    const info = getModelInfo("mystery-model");
    expect(info.known).toBe(false);
    expect(info.pricing.inputPerMillion).toBe(3);
    expect(getModelInfo("openai-compatible/my-local").contextWindow).toBe(32_768);
  });
});

describe("estimateCost", () => {
  it("prices the parity token_cost_reporting turn at $0.0105 on Sonnet", () => {
    const cost = estimateCost({ input_tokens: 1000, output_tokens: 500 }, "sonnet");
    expect(formatUsd(cost.totalUsd)).toBe("$0.0105");
    expect(cost.inputUsd).toBeCloseTo(0.003);
    expect(cost.outputUsd).toBeCloseTo(0.0075);
  });

  it("charges nothing for a local Ollama model of any name, and Sonnet's rate for an unknown hosted one", () => {
    const usage = { input_tokens: 1_000_000, output_tokens: 1_000_000 };
    expect(estimateCost(usage, "ollama/granite3.1-dense:8b").totalUsd).toBe(0);
    expect(estimateCost(usage, "ollama/gpt-oss:20b").totalUsd).toBe(0);
    expect(estimateCost(usage, "anthropic/claude-sonnet-4-6").totalUsd).toBeCloseTo(18);
    expect(estimateCost(usage, "some-future-model").totalUsd).toBeCloseTo(18);
  });

  it("prices cache writes and reads", () => {
    const cost = estimateCost(
      { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 1_000_000, cache_read_input_tokens: 1_000_000 },
      "opus",
    );
    expect(cost.cacheWriteUsd).toBeCloseTo(6.25);
    expect(cost.cacheReadUsd).toBeCloseTo(0.5);
    expect(cost.totalUsd).toBeCloseTo(6.75);
  });

  it("formats with four decimals", () => {
    expect(formatUsd(0)).toBe("$0.0000");
    expect(formatUsd(12.345678)).toBe("$12.3457");
  });
});
