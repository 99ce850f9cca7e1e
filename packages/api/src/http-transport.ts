import type { TelemetrySink } from "@axion/telemetry";
import { fetchRequest, type FetchResponse } from "./fetch-request.js";
import { classifyHttpError, requestSuffix } from "./classify-error.js";
import { AbortedError, ApiError, StreamIdleTimeoutError } from "./errors.js";
import { IdleClock } from "./idle-clock.js";
import type { ProviderName } from "./provider-client.js";
import { headerValue, serverRequestedDelayMs, type HeaderBag } from "./retry-after.js";

/** Everything one provider client needs to make HTTP calls. */
export interface HttpContext {
  provider: ProviderName;
  /** Already wrapped with createRedactingSink. */
  telemetry: TelemetrySink;
  sessionId: string | undefined;
  idleTimeoutMs: number;
  /** Bound on a whole call, retries included (enforced by the retry layer). */
  requestTimeoutMs: number;
  now: () => number;
}

export interface HttpRequestSpec {
  method: "GET" | "POST";
  url: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

/** A failed attempt: the typed error plus the wait the server asked for, if any. */
export class AttemptFailure extends Error {
  constructor(
    readonly error: ApiError,
    readonly requestedDelayMs: number | undefined,
  ) {
    super(error.message);
  }
}

/** Header names that carry a request id, in order of preference. */
const REQUEST_ID_HEADERS = ["request-id", "x-request-id", "openai-request-id"];

export function requestIdFrom(headers: HeaderBag): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headerValue(headers, name);
    if (value !== undefined && value !== "") return value;
  }
  return undefined;
}

const RETRYABLE_CONNECTION_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "UND_ERR_ABORTED" && code !== "ABORT_ERR") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps a network-level failure (no HTTP status) to a typed error. */
export function connectionError(provider: ProviderName, url: string, error: unknown, requestId?: string | undefined): ApiError {
  if (ApiError.isInstance(error)) return error;
  const origin = safeOrigin(url);
  const code = errorCode(error) ?? "unknown";
  const detail = error instanceof Error ? error.message : String(error);
  if (code === "ECONNREFUSED" || code === "ENOTFOUND") {
    return new ApiError(
      `${provider}: could not connect to ${origin} (${code}); check that the server is running and the base URL is right`,
      { provider, code: "connection_error", retryable: false, cause: error },
    );
  }
  return new ApiError(`${provider}: connection to ${origin} failed (${code}: ${detail})${requestSuffix(requestId)}`, {
    provider,
    requestId,
    code: "connection_error",
    retryable: RETRYABLE_CONNECTION_CODES.has(code),
    cause: error,
  });
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split("?")[0] ?? url;
  }
}

const IDLE = Symbol("idle timeout");

interface Telemetry {
  path: string;
  startedAt: number;
  attempt: number;
  method: string;
}

function emitStarted(context: HttpContext, spec: HttpRequestSpec, attempt: number): Telemetry {
  const startedAt = context.now();
  const path = pathOf(spec.url);
  context.telemetry.emit({
    type: "http_request_started",
    ...(context.sessionId === undefined ? {} : { sessionId: context.sessionId }),
    attempt,
    method: spec.method,
    path,
    timestampMs: startedAt,
  });
  return { path, startedAt, attempt, method: spec.method };
}

function emitSucceeded(context: HttpContext, telemetry: Telemetry, status: number, requestId: string | undefined): void {
  const now = context.now();
  context.telemetry.emit({
    type: "http_request_succeeded",
    ...(context.sessionId === undefined ? {} : { sessionId: context.sessionId }),
    attempt: telemetry.attempt,
    method: telemetry.method,
    path: telemetry.path,
    status,
    ...(requestId === undefined ? {} : { requestId }),
    durationMs: now - telemetry.startedAt,
    timestampMs: now,
  });
}

function emitFailed(context: HttpContext, telemetry: Telemetry, error: ApiError): void {
  const now = context.now();
  context.telemetry.emit({
    type: "http_request_failed",
    ...(context.sessionId === undefined ? {} : { sessionId: context.sessionId }),
    attempt: telemetry.attempt,
    method: telemetry.method,
    path: telemetry.path,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    error: error.message,
    retryable: error.retryable,
    durationMs: now - telemetry.startedAt,
    timestampMs: now,
  });
}

function toAttemptFailure(
  context: HttpContext,
  spec: HttpRequestSpec,
  error: unknown,
  signal: AbortSignal | undefined,
  internal: AbortSignal | undefined,
  idle?: { clock: IdleClock; requestId: string | undefined },
): AttemptFailure {
  if (error instanceof AttemptFailure) return error;
  if (signal?.aborted) return new AttemptFailure(new AbortedError(context.provider, signal.reason), undefined);
  if (internal?.aborted && internal.reason === IDLE) {
    const pings = idle?.clock.keepAlivesSinceProgress ?? 0;
    const what =
      pings > 0
        ? `the stream sent only pings (${pings}) and no reply data for ${context.idleTimeoutMs} ms`
        : `no data for ${context.idleTimeoutMs} ms`;
    return new AttemptFailure(
      new StreamIdleTimeoutError(
        `${context.provider}: ${what}, so the stream was abandoned${requestSuffix(idle?.requestId)}; try again or raise the idle timeout`,
        { provider: context.provider, idleTimeoutMs: context.idleTimeoutMs, requestId: idle?.requestId },
      ),
      undefined,
    );
  }
  return new AttemptFailure(connectionError(context.provider, spec.url, error, idle?.requestId), undefined);
}

/** The media type of a content-type header, lower case, without parameters. */
function mediaType(headers: HeaderBag): string | undefined {
  const value = headerValue(headers, "content-type");
  if (value === undefined) return undefined;
  const type = value.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "" ? undefined : type;
}

const EXCERPT_BYTES = 200;

/** The first bytes of a body as one line of text, `…` when there was more. */
async function bodyExcerpt(body: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  let more = false;
  try {
    for await (const chunk of body) {
      if (length >= EXCERPT_BYTES) {
        more = true;
        break;
      }
      chunks.push(chunk);
      length += chunk.length;
    }
  } catch {
    // What arrived before the failure is still worth showing.
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.length > EXCERPT_BYTES) more = true;
  const text = new TextDecoder("utf-8").decode(bytes.subarray(0, EXCERPT_BYTES)).replace(/\uFFFD$/, "");
  const shown = text.replace(/\s+/g, " ").trim();
  return shown === "" ? "(empty body)" : `${shown}${more ? "…" : ""}`;
}

async function failureFromResponse(
  context: HttpContext,
  statusCode: number,
  headers: HeaderBag,
  body: { text(): Promise<string> },
): Promise<AttemptFailure> {
  const text = await body.text().catch(() => "");
  const now = context.now();
  const error = classifyHttpError({
    provider: context.provider,
    status: statusCode,
    body: text,
    headers,
    requestId: requestIdFrom(headers),
    now,
  });
  return new AttemptFailure(error, serverRequestedDelayMs(headers, now));
}

/** One non-streaming attempt: returns the parsed JSON body; throws AttemptFailure. */
export async function performJsonRequest(
  context: HttpContext,
  spec: HttpRequestSpec,
  attempt: number,
  signal: AbortSignal | undefined,
): Promise<{ json: unknown; requestId: string | undefined; status: number }> {
  if (signal?.aborted) throw new AttemptFailure(new AbortedError(context.provider, signal.reason), undefined);
  const telemetry = emitStarted(context, spec, attempt);
  try {
    const response = await fetchRequest(spec.url, {
      method: spec.method,
      headers: spec.headers,
      body: spec.body ?? null,
      signal: signal ?? null,
    });
    const headers = response.headers as HeaderBag;
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw await failureFromResponse(context, response.statusCode, headers, response.body);
    }
    const requestId = requestIdFrom(headers);
    const text = await response.body.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      const excerpt = text.replace(/\s+/g, " ").trim().slice(0, EXCERPT_BYTES);
      const shown = excerpt === "" ? "(empty body)" : `${excerpt}${text.length > EXCERPT_BYTES ? "…" : ""}`;
      throw new AttemptFailure(
        new ApiError(`${context.provider}: expected a JSON body, got ${response.statusCode} ${mediaType(headers) ?? "(no content-type)"}: ${shown}${requestSuffix(requestId)}`, {
          provider: context.provider,
          code: "invalid_response",
          status: response.statusCode,
          requestId,
          cause,
        }),
        undefined,
      );
    }
    emitSucceeded(context, telemetry, response.statusCode, requestId);
    return { json, requestId, status: response.statusCode };
  } catch (error) {
    const failure = toAttemptFailure(context, spec, error, signal, undefined);
    emitFailed(context, telemetry, failure.error);
    throw failure;
  }
}

export interface OpenedStream {
  body: AsyncIterable<Uint8Array>;
  requestId: string | undefined;
  /** An event that moves the reply forward arrived: restarts the idle clock. */
  progress(): void;
  /** A keep-alive (ping) arrived: does not restart the idle clock, only named if it runs out. */
  keepAlive(): void;
}

/** What a streaming response must be: the accepted media types and how to name them in an error. */
export interface StreamBodyKind {
  /** `an event stream`, `an NDJSON stream`. */
  label: string;
  mediaTypes: readonly string[];
}

export const EVENT_STREAM: StreamBodyKind = { label: "an event stream", mediaTypes: ["text/event-stream"] };

/**
 * One streaming attempt. Resolves once 2xx headers of the expected media type arrive (a response without a
 * content-type is read anyway); the body is guarded by the idle clock (which also covers the wait for
 * headers) and by the caller's signal. Throws AttemptFailure.
 */
export async function openStreamingRequest(
  context: HttpContext,
  spec: HttpRequestSpec,
  attempt: number,
  signal: AbortSignal | undefined,
  expected: StreamBodyKind = EVENT_STREAM,
): Promise<OpenedStream> {
  if (signal?.aborted) throw new AttemptFailure(new AbortedError(context.provider, signal.reason), undefined);
  const telemetry = emitStarted(context, spec, attempt);
  const internal = new AbortController();
  const combined = signal === undefined ? internal.signal : AbortSignal.any([signal, internal.signal]);
  const clock = new IdleClock(context.idleTimeoutMs, () => internal.abort(IDLE));
  let response: FetchResponse;
  let requestId: string | undefined;
  try {
    response = await fetchRequest(spec.url, {
      method: spec.method,
      headers: spec.headers,
      body: spec.body ?? null,
      signal: combined,
    });
    const headers = response.headers as HeaderBag;
    requestId = requestIdFrom(headers);
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw await failureFromResponse(context, response.statusCode, headers, response.body);
    }
    const type = mediaType(headers);
    if (type !== undefined && !expected.mediaTypes.includes(type)) {
      const excerpt = await bodyExcerpt(response.body);
      if (!response.body.destroyed) response.body.destroy();
      throw new AttemptFailure(
        new ApiError(
          `${context.provider}: expected ${expected.label}, got ${response.statusCode} ${type}: ${excerpt}${requestSuffix(requestId)}`,
          { provider: context.provider, code: "unexpected_content_type", status: response.statusCode, requestId },
        ),
        undefined,
      );
    }
  } catch (error) {
    clock.stop();
    const failure = toAttemptFailure(context, spec, error, signal, internal.signal, { clock, requestId });
    emitFailed(context, telemetry, failure.error);
    throw failure;
  }
  clock.progress();
  const status = response.statusCode;
  const source = response.body;
  const streamRequestId = requestId;

  async function* guarded(): AsyncGenerator<Uint8Array, void, undefined> {
    let finished = false;
    try {
      for await (const chunk of source) {
        // The idle clock stands still while the consumer works on the chunk (backpressure is not idleness).
        clock.pause();
        yield chunk as Uint8Array;
        clock.resume();
      }
      finished = true;
      emitSucceeded(context, telemetry, status, streamRequestId);
    } catch (error) {
      finished = true;
      const failure = toAttemptFailure(context, spec, error, signal, internal.signal, { clock, requestId: streamRequestId });
      emitFailed(context, telemetry, failure.error);
      throw failure.error;
    } finally {
      clock.stop();
      if (!finished) {
        // The consumer stopped early (it has what it needed, e.g. after [DONE]).
        emitSucceeded(context, telemetry, status, streamRequestId);
      }
      if (!source.destroyed) source.destroy();
    }
  }
  return {
    body: guarded(),
    requestId: streamRequestId,
    progress: () => clock.progress(),
    keepAlive: () => clock.keepAlive(),
  };
}
