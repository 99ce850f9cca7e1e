import { describe, expect, it } from "vitest";
import { formatRetryLine, retryEvent } from "./retry-line.js";

describe("retry line", () => {
  const info = { provider: "anthropic" as const, attempt: 2, maxAttempts: 5, waitMs: 30_000, reason: "provider busy (529 overloaded_error)", status: 529, errorType: "overloaded_error" };

  it("says why, how long and which attempt", () => {
    expect(formatRetryLine(info)).toBe("axion: provider busy (529 overloaded_error); retrying in 30 s (attempt 2 of 5)");
    expect(formatRetryLine({ ...info, waitMs: 2500 })).toBe("axion: provider busy (529 overloaded_error); retrying in 2.5 s (attempt 2 of 5)");
  });

  it("becomes a system/retry line for stream-json", () => {
    expect(retryEvent(info, "s1")).toEqual({
      type: "system",
      subtype: "retry",
      session_id: "s1",
      provider: "anthropic",
      attempt: 2,
      max_attempts: 5,
      wait_ms: 30_000,
      reason: "provider busy (529 overloaded_error)",
      status: 529,
      error_type: "overloaded_error",
    });
  });
});
