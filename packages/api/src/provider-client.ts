import type { TelemetrySink } from "@axion/telemetry";
import type { MessageRequest, MessageResponse } from "./message-model.js";
import type { StreamEvent } from "./stream-events.js";

/**
 * Where a model is sent. `openai`, `xai` and `openai-compatible` share the chat-completions wire format;
 * `openai-responses` is the Responses API (Codex models); `ollama` is Ollama's native `/api/chat`.
 */
export type ProviderName = "anthropic" | "openai" | "xai" | "openai-compatible" | "openai-responses" | "ollama";

export const PROVIDER_NAMES: readonly ProviderName[] = [
  "anthropic",
  "openai",
  "xai",
  "openai-compatible",
  "openai-responses",
  "ollama",
];

/** A request as handed to a client: `model` defaults to the client's model, `stream` is set by the method. */
export type ClientRequest = Omit<MessageRequest, "model" | "stream"> & { model?: string | undefined };

export interface CallOptions {
  /** Aborting rejects with `AbortedError` promptly and closes the socket. */
  signal?: AbortSignal | undefined;
}

export interface ProviderClient {
  readonly provider: ProviderName;
  /** The model name sent on the wire (aliases and prefixes resolved). */
  readonly model: string;
  /** Streams the reply as our events; retried only until the first event arrives. */
  stream(request: ClientRequest, options?: CallOptions): AsyncIterable<StreamEvent>;
  /** Sends a non-streaming request; retried on retryable failures. */
  send(request: ClientRequest, options?: CallOptions): Promise<MessageResponse>;
}

export interface RetryOptions {
  /** Retries after the first attempt (default 2, so 3 attempts). */
  maxRetries?: number | undefined;
  /** First backoff in ms (default 500). */
  initialDelayMs?: number | undefined;
  /** Longest wait in ms, for backoff and server-requested waits alike (default 30 000). */
  maxDelayMs?: number | undefined;
  /** Injectable for tests. Must reject with the signal's reason when aborted. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Injectable for tests; returns [0, 1). */
  random?: (() => number) | undefined;
  /** Injectable clock for rate-limit reset headers (default Date.now). */
  now?: (() => number) | undefined;
}

/** What `onRetry` hears before each wait between two attempts. */
export interface RetryInfo {
  provider: ProviderName;
  /** The attempt about to start (2 for the first retry). */
  attempt: number;
  /** Attempts in all (`maxRetries + 1`). */
  maxAttempts: number;
  /** How long the client waits before that attempt. */
  waitMs: number;
  /** What failed, in a few words: `provider busy (529 overloaded_error)`, `stream cut before any content`, … */
  reason: string;
  /** The HTTP status of the failed attempt, when it had one. */
  status?: number | undefined;
  /** The provider's error type, when it sent one. */
  errorType?: string | undefined;
  /** The request id of the failed attempt, when the server sent one. */
  requestId?: string | undefined;
}

export interface ProviderClientOptions {
  /** Model name, alias (`sonnet`, `codex`, …) or `provider/model`. */
  model: string;
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
  /** Environment to read credentials and base URLs from (default `process.env`). */
  env?: Record<string, string | undefined> | undefined;
  /** Folder holding `credentials/<provider>.key` (default `env.AXION_CONFIG_HOME`, else `~/.axion`). */
  configHome?: string | undefined;
  telemetry?: TelemetrySink | undefined;
  sessionId?: string | undefined;
  retry?: RetryOptions | undefined;
  /**
   * A stream that receives nothing for this long is aborted (default 120 000 ms). Pings do not count as
   * something: a stream that sends only pings for this long is aborted too.
   */
  idleTimeoutMs?: number | undefined;
  /**
   * The whole call — every attempt, the waits between them and the stream to its last event — must finish
   * within this many ms (default `env.AXION_REQUEST_TIMEOUT_MS`, else 600 000 = 10 minutes); raises
   * RequestTimeoutError. Bounds streams that trickle or only ping.
   */
  requestTimeoutMs?: number | undefined;
  /** Called before each wait between two attempts (a 529, a 429 with retry-after, a stream cut early, …). */
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /** Reasoning effort for the Responses API (default "medium" for reasoning models). */
  reasoningEffort?: "minimal" | "low" | "medium" | "high" | undefined;
  /** Extra HTTP headers sent with every request. */
  headers?: Record<string, string> | undefined;
}
