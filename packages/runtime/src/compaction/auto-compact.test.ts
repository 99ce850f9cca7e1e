import { describe, expect, it } from "vitest";
import { AUTO_COMPACT_ENV, autoCompactThreshold, shouldAutoCompact } from "./auto-compact.js";
import { CompactionError } from "./compaction-error.js";

describe("autoCompactThreshold", () => {
  it("is 80 % of the context window by default", () => {
    expect(autoCompactThreshold({}, 200_000)).toBe(160_000);
    expect(autoCompactThreshold({ [AUTO_COMPACT_ENV]: "" }, 128_000)).toBe(102_400);
  });

  it("takes AXION_AUTO_COMPACT_INPUT_TOKENS when set", () => {
    expect(autoCompactThreshold({ AXION_AUTO_COMPACT_INPUT_TOKENS: "50000" }, 200_000)).toBe(50_000);
    expect(autoCompactThreshold({ AXION_AUTO_COMPACT_INPUT_TOKENS: " 1_000 " }, 200_000)).toBe(1_000);
  });

  it("names the variable when its value is not a positive whole number", () => {
    for (const value of ["abc", "-5", "0", "1.5", "1e5"]) {
      let caught: unknown;
      try {
        autoCompactThreshold({ AXION_AUTO_COMPACT_INPUT_TOKENS: value }, 200_000);
      } catch (error) {
        caught = error;
      }
      expect(CompactionError.isInstance(caught), value).toBe(true);
      expect((caught as Error).message).toBe(
        `AXION_AUTO_COMPACT_INPUT_TOKENS: expected a positive whole number of tokens, got ${JSON.stringify(value)}`,
      );
    }
  });
});

describe("shouldAutoCompact", () => {
  it("fires when the reported input or the estimate reaches the threshold", () => {
    expect(shouldAutoCompact({ lastInputTokens: 99, threshold: 100 })).toBe(false);
    expect(shouldAutoCompact({ lastInputTokens: 100, threshold: 100 })).toBe(true);
    expect(shouldAutoCompact({ lastInputTokens: 10, estimate: 150, threshold: 100 })).toBe(true);
    expect(shouldAutoCompact({ threshold: 100 })).toBe(false);
    expect(shouldAutoCompact({ lastInputTokens: 10, threshold: 0 })).toBe(false);
  });
});
