/**
 * Reads how long a server asks us to wait: `retry-after` (seconds or an HTTP date), `retry-after-ms`,
 * Anthropic's `anthropic-ratelimit-*-reset` (RFC 3339 instants) and OpenAI-style `x-ratelimit-reset-*`
 * durations (`1s`, `6m0s`, `250ms`, `1h2m3.5s`).
 */

export type HeaderBag = Record<string, string | string[] | undefined>;

export function headerValue(headers: HeaderBag | undefined, name: string): string | undefined {
  const value = headers?.[name.toLowerCase()];
  if (Array.isArray(value)) return value[0];
  return value;
}

/** Parses a Go-style duration (`6m0s`, `1.5s`, `20ms`, `2h`) or a bare number of seconds into ms. */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const unitMs: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 1e-6 };
  const pattern = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = pattern.exec(trimmed); match !== null; match = pattern.exec(trimmed)) {
    total += Number(match[1]) * (unitMs[match[2] ?? ""] ?? 0);
    consumed = pattern.lastIndex;
  }
  return consumed === trimmed.length && consumed > 0 ? total : undefined;
}

/** `retry-after`: delta seconds or an HTTP date. */
export function parseRetryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

const ANTHROPIC_RESET_HEADERS = [
  "anthropic-ratelimit-requests-reset",
  "anthropic-ratelimit-tokens-reset",
  "anthropic-ratelimit-input-tokens-reset",
  "anthropic-ratelimit-output-tokens-reset",
];
const DURATION_RESET_HEADERS = ["x-ratelimit-reset-requests", "x-ratelimit-reset-tokens", "x-ratelimit-reset"];

/**
 * The wait the server asked for, in ms from `now`, or undefined when it said nothing. `retry-after` wins;
 * otherwise the latest of the rate-limit reset headers.
 */
export function serverRequestedDelayMs(headers: HeaderBag | undefined, now: number): number | undefined {
  const retryAfterMs = headerValue(headers, "retry-after-ms");
  if (retryAfterMs !== undefined && /^\d+(\.\d+)?$/.test(retryAfterMs.trim())) return Number(retryAfterMs);
  const retryAfter = parseRetryAfterMs(headerValue(headers, "retry-after"), now);
  if (retryAfter !== undefined) return retryAfter;
  let latest: number | undefined;
  for (const name of ANTHROPIC_RESET_HEADERS) {
    const value = headerValue(headers, name);
    if (value === undefined) continue;
    const instant = Date.parse(value);
    if (Number.isNaN(instant)) continue;
    const delay = Math.max(0, instant - now);
    latest = latest === undefined ? delay : Math.max(latest, delay);
  }
  for (const name of DURATION_RESET_HEADERS) {
    const value = headerValue(headers, name);
    if (value === undefined) continue;
    const delay = parseDurationMs(value);
    if (delay === undefined) continue;
    latest = latest === undefined ? delay : Math.max(latest, delay);
  }
  return latest;
}
