import { estimateCost, type Usage } from "@axion/api";
import { describe, expect, it } from "vitest";
import { formatCost, UsageTracker } from "./usage-tracker.js";

const usage = (input: number, output: number, cacheWrite = 0, cacheRead = 0): Usage => ({
  input_tokens: input,
  output_tokens: output,
  cache_creation_input_tokens: cacheWrite,
  cache_read_input_tokens: cacheRead,
});

describe("UsageTracker", () => {
  it("sums calls, keeps the latest as turnUsage and prices each with its model's rates", () => {
    const tracker = new UsageTracker();
    expect(tracker.turns).toBe(0);
    expect(tracker.costUsd).toBe(0);
    const first = tracker.add(usage(1_000_000, 100_000, 10_000, 50_000), "claude-sonnet-4-6");
    const second = tracker.add(usage(1_000_000, 0), "claude-haiku-4-5");
    expect(first).toBeCloseTo(estimateCost(usage(1_000_000, 100_000, 10_000, 50_000), "claude-sonnet-4-6").totalUsd, 10);
    expect(second).toBeCloseTo(estimateCost(usage(1_000_000, 0), "claude-haiku-4-5").totalUsd, 10);
    expect(second).toBeLessThan(first);
    expect(tracker.turns).toBe(2);
    expect(tracker.turnUsage).toEqual(usage(1_000_000, 0));
    expect(tracker.turnCostUsd).toBe(second);
    expect(tracker.total).toEqual(usage(2_000_000, 100_000, 10_000, 50_000));
    expect(tracker.costUsd).toBeCloseTo(first + second, 10);
    expect([...tracker.byModel().keys()]).toEqual(["claude-sonnet-4-6", "claude-haiku-4-5"]);
    expect(tracker.byModel().get("claude-haiku-4-5")).toEqual({ usage: usage(1_000_000, 0), costUsd: second, turns: 1 });
  });

  it("does not let callers change its totals through the returned objects", () => {
    const tracker = new UsageTracker();
    tracker.add(usage(10, 5), "claude-sonnet-4-6");
    tracker.total.input_tokens = 999;
    tracker.turnUsage.output_tokens = 999;
    expect(tracker.total).toEqual(usage(10, 5));
    expect(tracker.turnUsage).toEqual(usage(10, 5));
  });

  it("uses a cost given by the caller and an injected price function", () => {
    const tracker = new UsageTracker({ price: (u) => u.output_tokens / 1000 });
    tracker.add(usage(0, 2000), "any");
    tracker.add(usage(0, 2000), "any", 0.5);
    expect(tracker.costUsd).toBe(2.5);
  });
});

describe("formatCost", () => {
  it("prints dollars with four decimals", () => {
    expect(formatCost(0.0105)).toBe("$0.0105");
    expect(formatCost(0)).toBe("$0.0000");
    expect(formatCost(12.3456789)).toBe("$12.3457");
  });
});
