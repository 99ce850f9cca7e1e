import { describe, expect, it } from "vitest";
import { classifyHttpError, classifyStreamErrorEvent } from "./classify-error.js";
import {
  AbortedError,
  ApiError,
  AuthError,
  ContextWindowExceededError,
  InvalidRequestError,
  MissingCredentialsError,
  OverloadedError,
  RateLimitError,
  RetriesExhaustedError,
  ServerError,
} from "./errors.js";

describe("error brands", () => {
  it("recognises subclasses through isInstance and across copies", () => {
    const error = new OverloadedError("x", { provider: "anthropic", status: 529 });
    expect(ApiError.isInstance(error)).toBe(true);
    expect(ServerError.isInstance(error)).toBe(true);
    expect(OverloadedError.isInstance(error)).toBe(true);
    expect(AuthError.isInstance(error)).toBe(false);
    expect(error.code).toBe("overloaded");
    expect(error.retryable).toBe(true);
    // A structurally separate copy: only the global symbol matters.
    const foreign = { [Symbol.for("axion.error.RateLimitError")]: true };
    expect(RateLimitError.isInstance(foreign)).toBe(true);
    expect(ApiError.isInstance(new Error("plain"))).toBe(false);
    expect(ApiError.isInstance(null)).toBe(false);
  });

  it("wraps the last error when retries are exhausted", () => {
    const last = new ServerError("anthropic: HTTP 500 server error", { provider: "anthropic", status: 500 });
    const error = new RetriesExhaustedError(3, last);
    expect(error.message).toBe("anthropic: HTTP 500 server error (gave up after 3 attempts)");
    expect(error.attempts).toBe(3);
    expect(error.lastError).toBe(last);
    expect(error.status).toBe(500);
    expect(error.retryable).toBe(false);
  });

  it("names env vars and key file when credentials are missing", () => {
    const error = new MissingCredentialsError("openai", ["OPENAI_API_KEY"], "/tmp/c/credentials/openai.key");
    expect(error.message).toBe(
      "openai: no credentials found; set OPENAI_API_KEY, or write the key to /tmp/c/credentials/openai.key",
    );
    expect(error.code).toBe("missing_credentials");
    expect(new AbortedError("ollama").message).toBe("ollama: request aborted");
  });
});

describe("classifyHttpError", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");

  it.each([
    [401, '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}', AuthError, false],
    [403, '{"error":{"message":"forbidden"}}', AuthError, false],
    [429, '{"error":{"message":"slow down","type":"rate_limit_error"}}', RateLimitError, true],
    [500, '{"error":{"message":"boom"}}', ServerError, true],
    [502, "<html>Bad gateway</html>", ServerError, true],
    [529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', OverloadedError, true],
    [400, '{"error":{"message":"bad field"}}', InvalidRequestError, false],
    [404, '{"error":"model \\"x\\" not found"}', InvalidRequestError, false],
  ] as const)("HTTP %i → %o", (status, body, errorClass, retryable) => {
    const error = classifyHttpError({ provider: "anthropic", status, body, requestId: "req_1", now });
    expect(errorClass.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(retryable);
    expect(error.status).toBe(status);
    expect(error.requestId).toBe("req_1");
    expect(error.message).toMatch(new RegExp(`^anthropic: ${status} \\S+`));
    expect(error.message).toContain("(request req_1)");
    expect(error.message).not.toContain("\n");
  });

  it("retries 408 and 409", () => {
    expect(classifyHttpError({ provider: "openai", status: 408, body: "" }).retryable).toBe(true);
    expect(classifyHttpError({ provider: "openai", status: 409, body: "" }).retryable).toBe(true);
  });

  it.each([
    ["anthropic", 400, '{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}'],
    ["openai", 400, '{"error":{"message":"This model\'s maximum context length is 128000 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}}'],
    ["openai-responses", 400, '{"error":{"message":"Your input exceeds the context window of this model.","code":"context_length_exceeded"}}'],
    ["xai", 400, '{"error":"This model\'s maximum prompt length is 131072 but the request contains too many tokens"}'],
    ["ollama", 500, '{"error":"input length exceeds the context length"}'],
    ["anthropic", 413, '{"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}'],
  ] as const)("%s context window message → ContextWindowExceededError", (provider, status, body) => {
    const error = classifyHttpError({ provider, status, body });
    expect(ContextWindowExceededError.isInstance(error)).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`${provider}: `);
  });

  it("computes resetAt from retry-after seconds and rate-limit headers", () => {
    const seconds = classifyHttpError({ provider: "anthropic", status: 429, body: "", headers: { "retry-after": "7" }, now });
    expect((seconds as RateLimitError).resetAt?.toISOString()).toBe("2026-01-01T00:00:07.000Z");
    const anthropic = classifyHttpError({
      provider: "anthropic",
      status: 429,
      body: "",
      headers: { "anthropic-ratelimit-tokens-reset": "2026-01-01T00:01:00Z" },
      now,
    }) as RateLimitError;
    expect(anthropic.resetAt?.toISOString()).toBe("2026-01-01T00:01:00.000Z");
    expect(anthropic.message).toContain("resets at 2026-01-01T00:01:00.000Z");
    const openai = classifyHttpError({
      provider: "openai",
      status: 429,
      body: "",
      headers: { "x-ratelimit-reset-tokens": "6m0s" },
      now,
    }) as RateLimitError;
    expect(openai.resetAt?.toISOString()).toBe("2026-01-01T00:06:00.000Z");
    expect((classifyHttpError({ provider: "openai", status: 429, body: "", now }) as RateLimitError).resetAt).toBeUndefined();
  });

  it("names status, error type and request id in one line", () => {
    const overloaded = classifyHttpError({
      provider: "anthropic",
      status: 529,
      body: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      requestId: "req_011CX",
    });
    expect(overloaded.message).toBe("anthropic: 529 overloaded_error: Overloaded (request req_011CX); the provider is overloaded, try again shortly");
    expect(overloaded.errorType).toBe("overloaded_error");
    // no header: the id Anthropic puts into the body is used
    const fromBody = classifyHttpError({
      provider: "anthropic",
      status: 500,
      body: '{"type":"error","error":{"type":"api_error","message":"Internal server error"},"request_id":"req_body_7"}',
    });
    expect(fromBody.requestId).toBe("req_body_7");
    expect(fromBody.message).toBe("anthropic: 500 api_error: Internal server error (request req_body_7); try again shortly");
    // OpenAI's code stands in for a missing type; a body without either gets words for its status
    const openai = classifyHttpError({ provider: "openai", status: 429, body: '{"error":{"message":"slow down","type":null,"code":"rate_limit_exceeded"}}', requestId: "req_abc" });
    expect(openai.message).toBe("openai: 429 rate_limit_exceeded: slow down (request req_abc)");
    expect(classifyHttpError({ provider: "ollama", status: 502, body: "<html>Bad gateway</html>" }).message).toBe(
      "ollama: 502 server error: <html>Bad gateway</html>; try again shortly",
    );
  });

  it("names the credential to fix on 401", () => {
    expect(classifyHttpError({ provider: "xai", status: 401, body: "{}" }).message).toContain("XAI_API_KEY");
  });

  it("classifies in-stream error events", () => {
    const error = classifyStreamErrorEvent({ error: { type: "overloaded_error", message: "Overloaded" } }, "anthropic", "r");
    expect(OverloadedError.isInstance(error)).toBe(true);
    expect(error.message).toBe("anthropic: stream error: overloaded_error: Overloaded (request r); the provider is overloaded, try again shortly");
  });
});
