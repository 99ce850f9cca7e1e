import { describe, expect, it } from "vitest";
import { REDACTED, redactText, redactValue } from "./redact.js";
import { MemorySink } from "./memory-sink.js";
import { createRedactingSink } from "./sink.js";
import type { TelemetryEvent } from "./events.js";

// Real key shapes (random characters, not live keys).
const anthropicKey = "sk-ant-api03-Qw3rTy9UiOp1AsDfGhJkLzXcVbNm0123456789abcdefghijklmnopQRSTUVWXyz-_AbCdEfGhIjKlMnOpAA";
const openaiProjectKey = "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78St90Uv12Wx34Yz56T3BlbkFJaBcDeFgHiJkLmNoPqRsTu";
const legacyOpenaiKey = "sk-4f9XyZ0aBcDeFgHiJkLmT3BlbkFJ1a2b3c4d5e6f7g8h9i0j";
const xaiKey = "xai-Zz8Yy7Xx6Ww5Vv4Uu3Tt2Ss1Rr0QqPpOoNnMmLlKkJj";
const githubToken = "ghp_1234567890abcdefghijABCDEFGHIJ123456";
const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";

describe("redactText", () => {
  it.each([
    ["anthropic", anthropicKey],
    ["openai project", openaiProjectKey],
    ["openai legacy", legacyOpenaiKey],
    ["xai", xaiKey],
    ["github", githubToken],
    ["jwt", jwt],
  ])("removes a %s key from free text", (_label, key) => {
    const text = `request failed with key ${key} at /v1/messages`;
    const redacted = redactText(text);
    expect(redacted).not.toContain(key);
    expect(redacted).toContain(REDACTED);
    expect(redacted).toContain("request failed with key");
    expect(redacted).toContain("/v1/messages");
  });

  it("removes bearer tokens but keeps the scheme", () => {
    expect(redactText("Authorization: Bearer abcdefghijklmnop1234")).toBe(`Authorization: Bearer ${REDACTED}`);
  });

  it("removes header-dump values", () => {
    const text = 'x-api-key: test-parity-key-value, "api_key":"plainsecretvalue"';
    const redacted = redactText(text);
    expect(redacted).not.toContain("test-parity-key-value");
    expect(redacted).not.toContain("plainsecretvalue");
  });

  it("leaves ordinary text alone", () => {
    const text = "the task-runner skipped 3 files; see docs/sk-guide.md";
    expect(redactText(text)).toBe(text);
  });
});

describe("redactValue", () => {
  it("redacts secret-named keys at any depth, whatever the value looks like", () => {
    const input = {
      headers: { "x-api-key": "short", Authorization: "Bearer zzz", "content-type": "application/json" },
      nested: [{ apiKey: "k" }, { refresh_token: "r" }],
      count: 3,
    };
    const output = redactValue(input) as typeof input;
    expect(output.headers["x-api-key"]).toBe(REDACTED);
    expect(output.headers.Authorization).toBe(REDACTED);
    expect(output.headers["content-type"]).toBe("application/json");
    expect(output.nested[0]?.apiKey).toBe(REDACTED);
    expect(output.nested[1]?.refresh_token).toBe(REDACTED);
    expect(output.count).toBe(3);
    // the input is untouched
    expect(input.headers["x-api-key"]).toBe("short");
  });
});

describe("sinks never see secrets", () => {
  it("MemorySink stores a redacted copy", () => {
    const sink = new MemorySink();
    sink.emit({
      type: "http_request_failed",
      attempt: 1,
      method: "POST",
      path: "/v1/messages",
      error: `401 invalid x-api-key ${anthropicKey}`,
      retryable: false,
      durationMs: 12,
      timestampMs: 1,
    });
    const stored = JSON.stringify(sink.events);
    expect(stored).not.toContain(anthropicKey);
    expect(stored).toContain(REDACTED);
  });

  it("createRedactingSink protects a custom sink and is idempotent", () => {
    const seen: TelemetryEvent[] = [];
    const custom = { emit: (event: TelemetryEvent) => void seen.push(event) };
    const wrapped = createRedactingSink(custom);
    expect(createRedactingSink(wrapped)).toBe(wrapped);
    wrapped.emit({
      type: "analytics",
      namespace: "auth",
      action: "login",
      properties: { key: openaiProjectKey, token: "abc" },
      timestampMs: 1,
    });
    expect(JSON.stringify(seen)).not.toContain(openaiProjectKey);
    expect((seen[0] as unknown as { properties: { token: string } }).properties.token).toBe(REDACTED);
  });
});
