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
}

/** Pulls a message and type out of the error bodies of Anthropic, OpenAI, xAI and Ollama. */
export function extractErrorDetails(body: string): ErrorDetails {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    const text = body.trim().replace(/\s+/g, " ").slice(0, 300);
    return { message: text === "" ? undefined : text, type: undefined };
  }
  if (typeof parsed !== "object" || parsed === null) return { message: String(parsed), type: undefined };
  const record = parsed as Record<string, unknown>;
  const error = record.error;
  if (typeof error === "string") return { message: error, type: undefined };
  if (typeof error === "object" && error !== null) {
    const errorRecord = error as Record<string, unknown>;
    const type = [errorRecord.type, errorRecord.code].find((value) => typeof value === "string") as string | undefined;
    return { message: typeof errorRecord.message === "string" ? errorRecord.message : undefined, type };
  }
  if (typeof record.message === "string") return { message: record.message, type: undefined };
  return { message: body.slice(0, 300), type: undefined };
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
  /** Replaces the default `<provider>: HTTP <status>` message prefix. */
  prefix?: string | undefined;
}

/** Turns a non-2xx response into the matching typed error. */
export function classifyHttpError(input: HttpErrorInput): ApiError {
  const { provider, status, requestId } = input;
  const details = extractErrorDetails(input.body);
  const serverText = oneLine(details.message ?? "no error message in the response");
  const detailText = details.type === undefined ? serverText : `${details.type}: ${serverText}`;
  const common = { provider, status, requestId };
  const prefix = input.prefix ?? `${provider}: HTTP ${status}`;
  const searchable = `${details.type ?? ""} ${serverText}`;

  if (status === 401 || status === 403) {
    const hint = provider === "unknown" ? "check the API key" : CREDENTIAL_HINTS[provider];
    return new AuthError(`${prefix} authentication failed (${detailText}); ${hint}`, common);
  }
  if (status === 429) {
    const now = input.now ?? Date.now();
    const delay = serverRequestedDelayMs(input.headers, now);
    const resetAt = delay === undefined ? undefined : new Date(now + delay);
    const when = resetAt === undefined ? "" : `; the limit resets at ${resetAt.toISOString()}`;
    return new RateLimitError(`${prefix} rate limited (${detailText})${when}`, { ...common, resetAt });
  }
  if (isContextWindowMessage(searchable)) {
    return new ContextWindowExceededError(
      `${prefix} the prompt does not fit the model's context window (${detailText}); compact or shorten the conversation`,
      common,
    );
  }
  if (status === 529 || details.type === "overloaded_error") {
    return new OverloadedError(`${prefix} the provider is overloaded (${detailText}); try again shortly`, common);
  }
  if (status >= 500) {
    return new ServerError(`${prefix} server error (${detailText}); try again shortly`, common);
  }
  if (status === 408) {
    return new ApiError(`${prefix} request timeout (${detailText})`, { ...common, code: "request_timeout", retryable: true });
  }
  if (status === 409) {
    return new ApiError(`${prefix} conflict (${detailText})`, { ...common, code: "conflict", retryable: true });
  }
  if (status === 404) {
    return new InvalidRequestError(`${prefix} not found (${detailText}); check the model name and base URL`, common);
  }
  if (status >= 400) {
    return new InvalidRequestError(`${prefix} invalid request (${detailText})`, common);
  }
  return new ApiError(`${prefix} unexpected response (${detailText})`, { ...common, code: "unexpected_status" });
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
