import { requestSuffix } from "./classify-error.js";
import {
  AbortedError,
  ApiError,
  RequestTimeoutError,
  RetriesExhaustedError,
  StreamIdleTimeoutError,
  StreamInterruptedError,
} from "./errors.js";
import { AttemptFailure } from "./http-transport.js";
import type { ProviderName, RetryInfo, RetryOptions } from "./provider-client.js";
import { ReplyProgress } from "./reply-progress.js";
import type { StreamEvent } from "./stream-events.js";

export interface RetrySettings {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
  /** Told about each wait before a retry. */
  onRetry: ((info: RetryInfo) => void) | undefined;
}

/** Waits `ms`, rejecting with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function resolveRetrySettings(
  options: RetryOptions | undefined,
  onRetry?: ((info: RetryInfo) => void) | undefined,
): RetrySettings {
  return {
    maxRetries: Math.max(0, options?.maxRetries ?? 2),
    initialDelayMs: Math.max(0, options?.initialDelayMs ?? 500),
    maxDelayMs: Math.max(0, options?.maxDelayMs ?? 30_000),
    sleep: options?.sleep ?? abortableSleep,
    random: options?.random ?? Math.random,
    now: options?.now ?? Date.now,
    onRetry,
  };
}

/**
 * The wait before retry number `retry` (1 = first retry): exponential from `initialDelayMs`, capped at
 * `maxDelayMs`, with ±25 % jitter. A wait the server asked for is used as is.
 */
export function backoffDelayMs(settings: RetrySettings, retry: number, requestedDelayMs: number | undefined): number {
  if (requestedDelayMs !== undefined) return Math.min(requestedDelayMs, settings.maxDelayMs);
  const base = Math.min(settings.initialDelayMs * 2 ** (retry - 1), settings.maxDelayMs);
  const jittered = base * (0.75 + settings.random() * 0.5);
  return Math.round(Math.min(jittered, settings.maxDelayMs));
}

function unwrap(error: unknown, provider: ProviderName): { error: ApiError; requestedDelayMs: number | undefined } {
  if (error instanceof AttemptFailure) return { error: error.error, requestedDelayMs: error.requestedDelayMs };
  if (ApiError.isInstance(error)) return { error, requestedDelayMs: undefined };
  return {
    error: new ApiError(`${provider}: ${error instanceof Error ? error.message : String(error)}`, {
      provider,
      cause: error,
    }),
    requestedDelayMs: undefined,
  };
}

const RETRY_WORDS: Readonly<Record<string, string>> = {
  overloaded: "provider busy",
  rate_limit: "rate limited",
  server_error: "server error",
  stream_idle_timeout: "the stream went silent before any content",
  stream_interrupted: "the stream ended before any content",
  connection_error: "connection failed",
};

/** A few words on why an attempt failed, for `onRetry`: `provider busy (529 overloaded_error)`. */
export function retryReason(error: ApiError): string {
  const detail = error.status === undefined ? undefined : `${error.status}${error.errorType === undefined ? "" : ` ${error.errorType}`}`;
  const words = RETRY_WORDS[error.code] ?? error.code.replace(/_/g, " ");
  return detail === undefined ? words : `${words} (${detail})`;
}

function notifyRetry(settings: RetrySettings, provider: ProviderName, attempt: number, waitMs: number, error: ApiError): void {
  if (settings.onRetry === undefined) return;
  const info: RetryInfo = {
    provider,
    attempt: attempt + 1,
    maxAttempts: settings.maxRetries + 1,
    waitMs,
    reason: retryReason(error),
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.errorType === undefined ? {} : { errorType: error.errorType }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
  };
  try {
    settings.onRetry(info);
  } catch {
    // A listener that fails (a closed stderr) must not fail the request it only reports on.
  }
}

/**
 * Decides what happens after a failed attempt: returns the wait before the next one (after telling
 * `onRetry`), or throws the error to surface (RetriesExhaustedError once every attempt failed on something
 * retryable). `retryable` overrides the error's own flag (a stream that broke before any content).
 */
function nextDelay(
  settings: RetrySettings,
  provider: ProviderName,
  attempt: number,
  caught: unknown,
  signal: AbortSignal | undefined,
  retryable?: (error: ApiError) => boolean,
): number {
  if (signal?.aborted) throw new AbortedError(provider, signal.reason);
  const { error, requestedDelayMs } = unwrap(caught, provider);
  if (!(retryable?.(error) ?? error.retryable)) throw error;
  // A server that asks for a longer wait than we are willing to sleep gets its error surfaced (with resetAt).
  if (requestedDelayMs !== undefined && requestedDelayMs > settings.maxDelayMs) throw error;
  if (attempt > settings.maxRetries) {
    if (settings.maxRetries === 0) throw error;
    throw new RetriesExhaustedError(attempt, error);
  }
  const delay = backoffDelayMs(settings, attempt, requestedDelayMs);
  notifyRetry(settings, provider, attempt, delay, error);
  return delay;
}

async function sleepOrAbort(settings: RetrySettings, provider: ProviderName, ms: number, signal?: AbortSignal) {
  try {
    await settings.sleep(ms, signal);
  } catch (cause) {
    throw new AbortedError(provider, cause);
  }
  if (signal?.aborted) throw new AbortedError(provider, signal.reason);
}

/** How one call is bounded: the caller's signal and the overall deadline. */
export interface CallLimits {
  provider: ProviderName;
  signal: AbortSignal | undefined;
  /** The whole call must end within this many ms (RequestTimeoutError otherwise). */
  requestTimeoutMs: number;
}

const DEADLINE = Symbol("request deadline");

/** `600 s`, `250 ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** Starts the call's deadline; `signal` aborts on the caller's signal or when the time is up. */
function startDeadline(limits: CallLimits): { signal: AbortSignal; expired: () => boolean; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(DEADLINE), limits.requestTimeoutMs);
  // The deadline alone never keeps the process alive.
  timer.unref?.();
  const signal = limits.signal === undefined ? controller.signal : AbortSignal.any([limits.signal, controller.signal]);
  return {
    signal,
    expired: () => controller.signal.aborted && limits.signal?.aborted !== true,
    clear: () => clearTimeout(timer),
  };
}

function deadlineError(limits: CallLimits, progress: ReplyProgress | undefined, cause: unknown): RequestTimeoutError {
  const { provider, requestTimeoutMs } = limits;
  const requestId = progress?.requestId ?? (ApiError.isInstance(cause) ? cause.requestId : undefined);
  const what =
    progress === undefined
      ? "the response did not arrive"
      : progress.contentStarted
        ? `the reply did not finish (received ${progress.describe()}, not retried, since part of the reply was already shown)`
        : `the reply did not start (received ${progress.describe()})`;
  return new RequestTimeoutError(
    `${provider}: ${what} within the request timeout of ${formatDuration(requestTimeoutMs)}${requestSuffix(requestId)}; raise requestTimeoutMs (AXION_REQUEST_TIMEOUT_MS) for longer replies`,
    { provider, requestTimeoutMs, requestId, cause },
  );
}

/** Runs `attemptOnce` until it succeeds, a non-retryable error occurs, the attempts or the deadline run out. */
export async function withRetries<T>(
  settings: RetrySettings,
  limits: CallLimits,
  attemptOnce: (attempt: number, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { provider } = limits;
  const deadline = startDeadline(limits);
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await attemptOnce(attempt, deadline.signal);
      } catch (caught) {
        const delay = nextDelay(settings, provider, attempt, caught, deadline.signal);
        await sleepOrAbort(settings, provider, delay, deadline.signal);
      }
    }
  } catch (error) {
    if (deadline.expired()) throw deadlineError(limits, undefined, error);
    throw error;
  } finally {
    deadline.clear();
  }
}

/** Failures that, before any content reached the caller, are retried like a 5xx. */
function retryableBeforeContent(error: ApiError): boolean {
  return error.retryable || error.code === "stream_interrupted" || error.code === "stream_idle_timeout";
}

/** The error for a stream that failed after part of the reply was handed over: it says what was received. */
function afterContentError(provider: ProviderName, error: ApiError, progress: ReplyProgress): ApiError {
  const received = progress.describe();
  const notRetried = "not retried, since part of the reply was already shown";
  const detail = error.message.startsWith(`${provider}: `) ? error.message.slice(provider.length + 2) : error.message;
  const options = { provider, requestId: error.requestId, status: error.status, cause: error };
  if (error.code === "connection_error" || error.code === "stream_interrupted") {
    return new StreamInterruptedError(
      `${provider}: stream cut after ${received} — ${notRetried} (${detail.replace(/ \(request [^)]*\)/, "")})${requestSuffix(error.requestId)}`,
      options,
    );
  }
  if (StreamIdleTimeoutError.isInstance(error)) {
    return new StreamIdleTimeoutError(
      `${provider}: stream stalled after ${received} — ${notRetried} (${detail})`,
      { ...options, idleTimeoutMs: error.idleTimeoutMs },
    );
  }
  error.message = `${error.message} (after ${received}; ${notRetried})`;
  return error;
}

/**
 * Streams with retries. Events before the first content block (message_start, pings) are held back; a
 * failure before that block — an HTTP error, a reset, a cut, a stream that ends or goes silent early — is
 * retried like a 5xx, with the same backoff and attempts, and the caller never sees the failed attempt.
 * Once a content block has been handed over nothing is replayed: a failure says what was received.
 */
export async function* streamWithRetries(
  settings: RetrySettings,
  limits: CallLimits,
  openAttempt: (attempt: number, signal: AbortSignal, progress: ReplyProgress) => AsyncIterable<StreamEvent>,
): AsyncGenerator<StreamEvent, void, undefined> {
  const { provider } = limits;
  const deadline = startDeadline(limits);
  const progress = new ReplyProgress();
  try {
    for (let attempt = 1; ; attempt++) {
      const iterator = openAttempt(attempt, deadline.signal, progress)[Symbol.asyncIterator]();
      const held: StreamEvent[] = [];
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done === true) {
            // A reply without content blocks (an empty answer) ends here.
            for (const event of held) yield event;
            return;
          }
          const event = next.value;
          if (!progress.contentStarted) {
            if (event.type === "ping") progress.count(event);
            if (event.type !== "content_block_start") {
              held.push(event);
              continue;
            }
            progress.count(event);
            for (const earlier of held) yield earlier;
            held.length = 0;
            yield event;
            continue;
          }
          progress.count(event);
          yield event;
        }
      } catch (caught) {
        if (deadline.signal.aborted) throw new AbortedError(provider, deadline.signal.reason);
        if (progress.contentStarted) throw afterContentError(provider, unwrap(caught, provider).error, progress);
        const delay = nextDelay(settings, provider, attempt, caught, deadline.signal, retryableBeforeContent);
        await sleepOrAbort(settings, provider, delay, deadline.signal);
      } finally {
        await iterator.return?.();
      }
    }
  } catch (error) {
    if (deadline.expired()) throw deadlineError(limits, progress, error);
    throw error;
  } finally {
    deadline.clear();
  }
}
