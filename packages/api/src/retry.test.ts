import { describe, expect, it } from "vitest";
import { AbortedError, AuthError, RateLimitError, RetriesExhaustedError, ServerError } from "./errors.js";
import { AttemptFailure } from "./http-transport.js";
import { backoffDelayMs, resolveRetrySettings, withRetries } from "./retry.js";
import { parseDurationMs, parseRetryAfterMs, serverRequestedDelayMs } from "./retry-after.js";

const server = () => new ServerError("anthropic: HTTP 500 server error", { provider: "anthropic", status: 500 });

describe("backoff", () => {
  it("doubles from 500 ms, caps at 30 s and jitters by ±25 %", () => {
    const middle = resolveRetrySettings({ random: () => 0.5 });
    expect([1, 2, 3, 4, 8, 9].map((retry) => backoffDelayMs(middle, retry, undefined))).toEqual([
      500, 1000, 2000, 4000, 30_000, 30_000,
    ]);
    expect(backoffDelayMs(resolveRetrySettings({ random: () => 0 }), 1, undefined)).toBe(375);
    expect(backoffDelayMs(resolveRetrySettings({ random: () => 0.999999 }), 1, undefined)).toBe(625);
    expect(backoffDelayMs(resolveRetrySettings({ random: () => 0.999999 }), 10, undefined)).toBe(30_000);
  });

  it("uses the server's wait as is", () => {
    expect(backoffDelayMs(resolveRetrySettings({}), 1, 7000)).toBe(7000);
  });
});

describe("withRetries", () => {
  function run(failures: unknown[], options: Parameters<typeof resolveRetrySettings>[0] = {}) {
    const sleeps: number[] = [];
    let attempts = 0;
    const settings = resolveRetrySettings({
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      ...options,
    });
    const promise = withRetries(settings, { provider: "anthropic", signal: undefined, requestTimeoutMs: 60_000 }, async (attempt) => {
      attempts = attempt;
      const failure = failures[attempt - 1];
      if (failure !== undefined) throw failure;
      return "ok";
    });
    return { promise, sleeps, attempts: () => attempts };
  }

  it("retries retryable failures and returns the first success", async () => {
    const { promise, sleeps, attempts } = run([server(), server()]);
    await expect(promise).resolves.toBe("ok");
    expect(sleeps).toEqual([500, 1000]);
    expect(attempts()).toBe(3);
  });

  it("does not retry what cannot succeed", async () => {
    const auth = new AuthError("anthropic: HTTP 401", { provider: "anthropic", status: 401 });
    const { promise, sleeps } = run([auth]);
    await expect(promise).rejects.toBe(auth);
    expect(sleeps).toEqual([]);
  });

  it("wraps the last error once the attempts run out", async () => {
    const { promise, sleeps } = run([server(), server(), server()]);
    const error = (await promise.catch((caught: unknown) => caught)) as RetriesExhaustedError;
    expect(RetriesExhaustedError.isInstance(error)).toBe(true);
    expect(error.attempts).toBe(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it("honours a server-requested wait and surfaces one longer than the cap", async () => {
    const limited = new RateLimitError("anthropic: HTTP 429", { provider: "anthropic", status: 429 });
    const short = run([new AttemptFailure(limited, 1500)]);
    await expect(short.promise).resolves.toBe("ok");
    expect(short.sleeps).toEqual([1500]);
    const long = run([new AttemptFailure(limited, 120_000)]);
    await expect(long.promise).rejects.toBe(limited);
    expect(long.sleeps).toEqual([]);
  });

  it("stops with AbortedError when aborted during the wait", async () => {
    const controller = new AbortController();
    const settings = resolveRetrySettings({ maxRetries: 5 });
    const started = Date.now();
    setTimeout(() => controller.abort(), 30);
    const error = await withRetries(settings, { provider: "openai", signal: controller.signal, requestTimeoutMs: 60_000 }, async () => {
      throw server();
    }).catch((caught: unknown) => caught);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(400);
  });
});

describe("server-requested delays", () => {
  const now = Date.parse("2026-03-01T12:00:00Z");

  it("parses retry-after seconds and HTTP dates", () => {
    expect(parseRetryAfterMs("3", now)).toBe(3000);
    expect(parseRetryAfterMs("0.5", now)).toBe(500);
    expect(parseRetryAfterMs("Sun, 01 Mar 2026 12:00:09 GMT", now)).toBe(9000);
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
  });

  it("parses Go-style durations", () => {
    expect(parseDurationMs("1s")).toBe(1000);
    expect(parseDurationMs("6m0s")).toBe(360_000);
    expect(parseDurationMs("250ms")).toBe(250);
    expect(parseDurationMs("1h2m3.5s")).toBe(3_723_500);
    expect(parseDurationMs("2")).toBe(2000);
    expect(parseDurationMs("later")).toBeUndefined();
  });

  it("prefers retry-after, else the latest reset header", () => {
    expect(serverRequestedDelayMs({ "retry-after": "2", "x-ratelimit-reset-tokens": "9s" }, now)).toBe(2000);
    expect(serverRequestedDelayMs({ "retry-after-ms": "120" }, now)).toBe(120);
    expect(
      serverRequestedDelayMs(
        {
          "anthropic-ratelimit-requests-reset": "2026-03-01T12:00:05Z",
          "anthropic-ratelimit-tokens-reset": "2026-03-01T12:00:20Z",
        },
        now,
      ),
    ).toBe(20_000);
    expect(serverRequestedDelayMs({ "x-ratelimit-reset-requests": "1s", "x-ratelimit-reset-tokens": "6m0s" }, now)).toBe(360_000);
    expect(serverRequestedDelayMs({}, now)).toBeUndefined();
  });
});
