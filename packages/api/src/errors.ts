import type { ProviderName } from "./provider-client.js";

/**
 * The error taxonomy of @axion/api. Every error carries a stable `code`, says whether retrying may help, and
 * names its provider. Each class is branded with `Symbol.for('axion.error.<Name>')`, so `X.isInstance(e)` works
 * across duplicated copies of this package where `instanceof` would not.
 */

type ErrorProvider = ProviderName | "unknown";

export interface ApiErrorOptions {
  provider: ErrorProvider;
  code?: string | undefined;
  retryable?: boolean | undefined;
  status?: number | undefined;
  requestId?: string | undefined;
  /** The provider's own error type (`overloaded_error`, `rate_limit_exceeded`, …), when it sent one. */
  errorType?: string | undefined;
  cause?: unknown;
}

interface BrandedConstructor {
  readonly brand: symbol;
}

export class ApiError extends Error {
  static readonly brand: symbol = Symbol.for("axion.error.ApiError");
  readonly code: string;
  readonly provider: ErrorProvider;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly errorType: string | undefined;

  constructor(message: string, options: ApiErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? "api_error";
    this.provider = options.provider;
    this.retryable = options.retryable ?? false;
    this.status = options.status;
    this.requestId = options.requestId;
    this.errorType = options.errorType;
    // Brand the instance with every class of its chain, so ApiError.isInstance holds for subclasses too.
    let constructor: unknown = new.target;
    while (typeof constructor === "function" && Object.hasOwn(constructor, "brand")) {
      Object.defineProperty(this, (constructor as unknown as BrandedConstructor).brand, { value: true });
      constructor = Object.getPrototypeOf(constructor);
    }
  }

  /** True when `value` is this error class (or a subclass), from any copy of @axion/api. */
  static isInstance<T>(this: (abstract new (...args: never[]) => T) & BrandedConstructor, value: unknown): value is T {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[this.brand] === true;
  }
}

export class AuthError extends ApiError {
  static override readonly brand: symbol = Symbol.for("axion.error.AuthError");
  constructor(message: string, options: ApiErrorOptions) {
    super(message, { ...options, code: "auth_error", retryable: false });
  }
}

export class RateLimitError extends ApiError {
  static override readonly brand: symbol = Symbol.for("axion.error.RateLimitError");
  /** When the provider says the limit resets, if it said. */
  readonly resetAt: Date | undefined;
  constructor(message: string, options: ApiErrorOptions & { resetAt?: Date | undefined }) {
    super(message, { ...options, code: "rate_limit", retryable: options.retryable ?? true });
    this.resetAt = options.resetAt;
  }
}

export class ContextWindowExceededError extends ApiError {
  static override readonly brand: symbol = Symbol.for("axion.error.ContextWindowExceededError");
  constructor(message: string, options: ApiErrorOptions) {
    super(message, { ...options, code: "context_window_exceeded", retryable: false });
  }
}

export class ServerError extends ApiError {
  static override readonly brand: symbol = Symbol.for("axion.error.ServerError");
  constructor(message: string, options: ApiErrorOptions) {
    super(message, { ...options, code: options.code ?? "server_error", retryable: options.retryable ?? true });
  }
}

/** The provider is overloaded (Anthropic 529 / `overloaded_error`). */
export class OverloadedError extends ServerError {
  static override readonly brand: symbol = Symbol.for("axion.error.OverloadedError");
  constructor(message: string, options: ApiErrorOptions) {
    super(message, { ...options, code: "overloaded" });
  }
}

export class InvalidRequestError extends ApiError {
  static override readonly brand: symbol = Symbol.for("axion.error.InvalidRequestError");
  constructor(message: string, options: ApiErrorOptions) {
    super(message, { ...options, code: "invalid_request", retryable: false });
  }
}

export class RetriesExhaustedError extends ApiError {
  static override readonly brand: symbol = Symbol.for("axion.error.RetriesExhaustedError");
  readonly attempts: number;
  readonly lastError: ApiError;
  constructor(attempts: number, lastError: ApiError) {
    super(`${lastError.message} (gave up after ${attempts} attempts)`, {
      provider: lastError.provider,
      code: "retries_exhausted",
      retryable: false,
      status: lastError.status,
      requestId: lastError.requestId,
      errorType: lastError.errorType,
      cause: lastError,
    });
    this.attempts = attempts;
    this.lastError = lastError;
  }
}

export class InvalidSseFrameError extends ApiError {
  static override readonly brand: symbol = Symbol.for("axion.error.InvalidSseFrameError");
  /** The start of the offending frame (at most 200 characters). */
  readonly excerpt: string;
  constructor(message: string, options: ApiErrorOptions & { excerpt: string }) {
    super(message, { ...options, code: "invalid_sse_frame", retryable: false });
    this.excerpt = options.excerpt;
  }
}

/** The stream broke after it had started; what arrived so far is all there is. */
export class StreamInterruptedError extends ApiError {
  static override readonly brand: symbol = Symbol.for("axion.error.StreamInterruptedError");
  constructor(message: string, options: ApiErrorOptions) {
    super(message, { ...options, code: "stream_interrupted", retryable: false });
  }
}

export class StreamIdleTimeoutError extends ApiError {
  static override readonly brand: symbol = Symbol.for("axion.error.StreamIdleTimeoutError");
  readonly idleTimeoutMs: number;
  constructor(message: string, options: ApiErrorOptions & { idleTimeoutMs: number }) {
    super(message, { ...options, code: "stream_idle_timeout", retryable: false });
    this.idleTimeoutMs = options.idleTimeoutMs;
  }
}

/**
 * The whole call (every attempt, retry waits and the stream to its end) took longer than `requestTimeoutMs`;
 * it bounds streams that trickle or send only pings. Not retried: the budget is spent.
 */
export class RequestTimeoutError extends ApiError {
  static override readonly brand: symbol = Symbol.for("axion.error.RequestTimeoutError");
  readonly requestTimeoutMs: number;
  constructor(message: string, options: ApiErrorOptions & { requestTimeoutMs: number }) {
    super(message, { ...options, code: "request_deadline_exceeded", retryable: false });
    this.requestTimeoutMs = options.requestTimeoutMs;
  }
}

export class MissingCredentialsError extends ApiError {
  static override readonly brand: symbol = Symbol.for("axion.error.MissingCredentialsError");
  readonly envVars: readonly string[];
  readonly keyFile: string | undefined;
  constructor(provider: ProviderName, envVars: readonly string[], keyFile: string | undefined) {
    const where = [envVars.join(" or "), keyFile === undefined ? undefined : `write the key to ${keyFile}`]
      .filter((part) => part !== undefined && part !== "")
      .join(", or ");
    super(`${provider}: no credentials found; set ${where}`, {
      provider,
      code: "missing_credentials",
      retryable: false,
    });
    this.envVars = envVars;
    this.keyFile = keyFile;
  }
}

export class AbortedError extends ApiError {
  static override readonly brand: symbol = Symbol.for("axion.error.AbortedError");
  constructor(provider: ErrorProvider, cause?: unknown) {
    super(`${provider}: request aborted`, { provider, code: "aborted", retryable: false, cause });
  }
}
