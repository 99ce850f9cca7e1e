import type { RetryInfo } from "@axion/api";

/** Retry waits at least this long get a line on stderr; shorter ones pass unremarked. */
export const RETRY_NOTICE_MIN_MS = 2000;

/** `axion: provider busy (529 overloaded_error); retrying in 30 s (attempt 2 of 5)`. */
export function formatRetryLine(info: RetryInfo): string {
  const seconds = info.waitMs / 1000;
  const wait = Number.isInteger(seconds) ? `${seconds}` : seconds.toFixed(1);
  return `axion: ${info.reason}; retrying in ${wait} s (attempt ${info.attempt} of ${info.maxAttempts})`;
}

/** The stream-json line for a retry wait: `{"type":"system","subtype":"retry",…}`. */
export function retryEvent(info: RetryInfo, sessionId: string | undefined): Record<string, unknown> {
  return {
    type: "system",
    subtype: "retry",
    ...(sessionId === undefined ? {} : { session_id: sessionId }),
    provider: info.provider,
    attempt: info.attempt,
    max_attempts: info.maxAttempts,
    wait_ms: info.waitMs,
    reason: info.reason,
    ...(info.status === undefined ? {} : { status: info.status }),
    ...(info.errorType === undefined ? {} : { error_type: info.errorType }),
    ...(info.requestId === undefined ? {} : { request_id: info.requestId }),
  };
}
