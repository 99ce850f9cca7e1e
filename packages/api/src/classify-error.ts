import {
  ApiError,
  AuthError,
  ContextWindowExceededError,
  InvalidRequestError,
  OverloadedError,
  RateLimitError,
  ServerError,
} from "./errors.js";
import type { ProviderName } from "./provider-client.js";
import { serverRequestedDelayMs, type HeaderBag } from "./retry-after.js";

type ErrorProvider = ProviderName | "unknown";

/** Phrases providers use when a prompt does not fit the model's context window. */
const CONTEXT_WINDOW_MARKERS = [
  "prompt is too long",
  "maximum context length",
  "context_length_exceeded",
  "context length",
  "context window",
  "context size",
  "maximum prompt length",
  "input is too long",
  "too many tokens",
  "request_too_large",
  "request is too large",
  "exceeds the context",
];

export function isContextWindowMessage(text: string): boolean {
  const lower = text.toLowerCase();
  return CONTEXT_WINDOW_MARKERS.some((marker) => lower.includes(marker));
}

/** What to set when a provider rejects our credentials. */
export const CREDENTIAL_HINTS: Readonly<Record<ProviderName, string>> = {
  anthropic: "check ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN) or the key in <config home>/credentials/anthropic.key",
  openai: "check OPENAI_API_KEY or the key in <config home>/credentials/openai.key",
  "openai-responses": "check OPENAI_API_KEY or the key in <config home>/credentials/openai.key",
  xai: "check XAI_API_KEY or the key in <config home>/credentials/xai.key",
  "openai-compatible": "check OPENAI_COMPATIBLE_API_KEY for this server",
  ollama: "check that the Ollama server accepts this request",
};

interface ErrorDetails {
  message: string | undefined;
  type: string | undefined;
  /** A request id carried in the body (Anthropic's `request_id`, some proxies' `requestId`). */
  requestId: string | undefined;
}

function stringField(record: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = record[name];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

/** Pulls a message, type and request id out of the error bodies of Anthropic, OpenAI, xAI and Ollama. */
export function extractErrorDetails(body: string): ErrorDetails {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    const text = body.trim().replace(/\s+/g, " ").slice(0, 300);
    return { message: text === "" ? undefined : text, type: undefined, requestId: undefined };
  }
  if (typeof parsed !== "object" || parsed === null) return { message: String(parsed), type: undefined, requestId: undefined };
  const record = parsed as Record<string, unknown>;
  const requestId = stringField(record, "request_id", "requestId");
  const error = record.error;
  if (typeof error === "string") return { message: error, type: stringField(record, "type", "code"), requestId };
  if (typeof error === "object" && error !== null) {
    const errorRecord = error as Record<string, unknown>;
    const type = stringField(errorRecord, "type", "code");
    return {
      message: typeof errorRecord.message === "string" ? errorRecord.message : undefined,
      type,
      requestId: requestId ?? stringField(errorRecord, "request_id", "requestId"),
    };
  }
  if (typeof record.message === "string") return { message: record.message, type: stringField(record, "type", "code"), requestId };
  return { message: body.slice(0, 300), type: undefined, requestId };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export interface HttpErrorInput {
  provider: ErrorProvider;
  status: number;
  body: string;
  headers?: HeaderBag | undefined;
  requestId?: string | undefined;
  now?: number | undefined;
  /** Replaces the default `<provider>: <status>` message prefix. */
  prefix?: string | undefined;
}

/** What an error of each kind is called when the provider sent no error type of its own. */
function kindWords(status: number): string {
  if (status === 401 || status === 403) return "authentication failed";
  if (status === 404) return "not found";
  if (status === 408) return "request timeout";
  if (status === 409) return "conflict";
  if (status === 429) return "rate limited";
  if (status === 529) return "overloaded";
  if (status >= 500) return "server error";
  if (status >= 400) return "invalid request";
  return "unexpected response";
}

/** ` (request req_…)`, or nothing when the id is unknown. */
export function requestSuffix(requestId: string | undefined): string {
  return requestId === undefined || requestId === "" ? "" : ` (request ${requestId})`;
}

/**
 * Turns a non-2xx response into the matching typed error. The message reads
 * `<provider>: <status> <error type>: <server message> (request <id>)[; what to do]`, e.g.
 * `anthropic: 529 overloaded_error: Overloaded (request req_011…)`.
 */
export function classifyHttpError(input: HttpErrorInput): ApiError {
  const { provider, status } = input;
  const details = extractErrorDetails(input.body);
  const requestId = input.requestId ?? details.requestId;
  const serverText = oneLine(details.message ?? "no error message in the response");
  const errorType = details.type;
  const common = { provider, status, requestId, errorType };
  const prefix = input.prefix ?? `${provider}: ${status}`;
  const head = `${prefix} ${errorType ?? kindWords(status)}: ${serverText}${requestSuffix(requestId)}`;
  const searchable = `${errorType ?? ""} ${serverText}`;

  if (status === 401 || status === 403) {
    const hint = provider === "unknown" ? "check the API key" : CREDENTIAL_HINTS[provider];
    return new AuthError(`${head}; ${hint}`, common);
  }
  if (status === 429) {
    const now = input.now ?? Date.now();
    const delay = serverRequestedDelayMs(input.headers, now);
    const resetAt = delay === undefined ? undefined : new Date(now + delay);
    const when = resetAt === undefined ? "" : `; the limit resets at ${resetAt.toISOString()}`;
    return new RateLimitError(`${head}${when}`, { ...common, resetAt });
  }
  if (isContextWindowMessage(searchable)) {
    return new ContextWindowExceededError(`${head}; the prompt does not fit the model's context window: compact or shorten the conversation`, common);
  }
  if (status === 529 || errorType === "overloaded_error") {
    return new OverloadedError(`${head}; the provider is overloaded, try again shortly`, common);
  }
  if (status >= 500) {
    return new ServerError(`${head}; try again shortly`, common);
  }
  if (status === 408) {
    return new ApiError(head, { ...common, code: "request_timeout", retryable: true });
  }
  if (status === 409) {
    return new ApiError(head, { ...common, code: "conflict", retryable: true });
  }
  if (status === 404) {
    return new InvalidRequestError(`${head}; check the model name and base URL`, common);
  }
  if (status >= 400) {
    return new InvalidRequestError(head, common);
  }
  return new ApiError(head, { ...common, code: "unexpected_status" });
}

const STREAM_ERROR_STATUS: Readonly<Record<string, number>> = {
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  invalid_request_error: 400,
  api_error: 500,
  overloaded_error: 529,
  // OpenAI-style codes seen in stream error events.
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  invalid_prompt: 400,
  invalid_request: 400,
  server_error: 500,
};

/** Turns an in-stream error event (`{type:"error", error:{type, message}}`) into a typed error. */
export function classifyStreamErrorEvent(
  event: { error: { type: string; message: string } },
  provider: ErrorProvider,
  requestId: string | undefined,
): ApiError {
  const status = STREAM_ERROR_STATUS[event.error.type] ?? 500;
  const error = classifyHttpError({
    provider,
    status,
    body: JSON.stringify({ error: { type: event.error.type, message: event.error.message } }),
    requestId,
    prefix: `${provider}: stream error:`,
  });
  return error;
}
