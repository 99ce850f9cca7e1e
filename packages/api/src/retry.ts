import { AbortedError, ApiError, RetriesExhaustedError, StreamInterruptedError } from "./errors.js";
import { AttemptFailure } from "./http-transport.js";
import type { ProviderName, RetryOptions } from "./provider-client.js";
import type { StreamEvent } from "./stream-events.js";

export interface RetrySettings {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  now: () => number;
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

export function resolveRetrySettings(options: RetryOptions | undefined): RetrySettings {
  return {
    maxRetries: Math.max(0, options?.maxRetries ?? 2),
    initialDelayMs: Math.max(0, options?.initialDelayMs ?? 500),
    maxDelayMs: Math.max(0, options?.maxDelayMs ?? 30_000),
    sleep: options?.sleep ?? abortableSleep,
    random: options?.random ?? Math.random,
    now: options?.now ?? Date.now,
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

/**
 * Decides what happens after a failed attempt: returns the wait before the next one, or throws the error to
 * surface (RetriesExhaustedError once every attempt failed on something retryable).
 */
function nextDelay(
  settings: RetrySettings,
  provider: ProviderName,
  attempt: number,
  caught: unknown,
  signal: AbortSignal | undefined,
): number {
  if (signal?.aborted) throw new AbortedError(provider, signal.reason);
  const { error, requestedDelayMs } = unwrap(caught, provider);
  if (!error.retryable) throw error;
  // A server that asks for a longer wait than we are willing to sleep gets its error surfaced (with resetAt).
  if (requestedDelayMs !== undefined && requestedDelayMs > settings.maxDelayMs) throw error;
  if (attempt > settings.maxRetries) {
    if (settings.maxRetries === 0) throw error;
    throw new RetriesExhaustedError(attempt, error);
  }
  return backoffDelayMs(settings, attempt, requestedDelayMs);
}

async function sleepOrAbort(settings: RetrySettings, provider: ProviderName, ms: number, signal?: AbortSignal) {
  try {
    await settings.sleep(ms, signal);
  } catch (cause) {
    throw new AbortedError(provider, cause);
  }
  if (signal?.aborted) throw new AbortedError(provider, signal.reason);
}

/** Runs `attemptOnce` until it succeeds, a non-retryable error occurs, or the attempts run out. */
export async function withRetries<T>(
  settings: RetrySettings,
  provider: ProviderName,
  signal: AbortSignal | undefined,
  attemptOnce: (attempt: number) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(attempt);
    } catch (caught) {
      const delay = nextDelay(settings, provider, attempt, caught, signal);
      await sleepOrAbort(settings, provider, delay, signal);
    }
  }
}

/**
 * Streams with retries until the first event: a failure before anything was yielded is retried like a
 * non-streaming call; once an event has been yielded, a connection failure becomes StreamInterruptedError.
 */
export async function* streamWithRetries(
  settings: RetrySettings,
  provider: ProviderName,
  signal: AbortSignal | undefined,
  openAttempt: (attempt: number) => AsyncIterable<StreamEvent>,
): AsyncGenerator<StreamEvent, void, undefined> {
  let iterator: AsyncIterator<StreamEvent> | undefined;
  let first: IteratorResult<StreamEvent> | undefined;
  for (let attempt = 1; iterator === undefined; attempt++) {
    const candidate = openAttempt(attempt)[Symbol.asyncIterator]();
    try {
      first = await candidate.next();
      iterator = candidate;
    } catch (caught) {
      const delay = nextDelay(settings, provider, attempt, caught, signal);
      await sleepOrAbort(settings, provider, delay, signal);
    }
  }
  if (first === undefined || first.done === true) return;
  let received = 1;
  try {
    yield first.value;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      received++;
      yield next.value;
    }
  } catch (caught) {
    if (signal?.aborted) throw new AbortedError(provider, signal.reason);
    const { error } = unwrap(caught, provider);
    if (error.code === "connection_error") {
      throw new StreamInterruptedError(
        `${provider}: the stream was cut off after ${received} events (${error.message.replace(`${provider}: `, "")}); the reply is incomplete`,
        { provider, requestId: error.requestId, cause: error },
      );
    }
    throw error;
  } finally {
    await iterator.return?.();
  }
}
