import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { MemorySink } from "@axion/telemetry";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createProviderClient } from "./create-provider-client.js";
import { saveApiKey } from "./credentials.js";
import { InvalidRequestError, MissingCredentialsError } from "./errors.js";
import { collectStream } from "./message-accumulator.js";
import { makeTempConfigHome } from "./test-support/mock-providers.js";

let mock: MockLlmServer;
const home = makeTempConfigHome();
beforeAll(async () => {
  mock = await startMockLlm();
});
afterEach(() => mock.reset());
afterAll(async () => {
  await mock.close();
  home.remove();
});

const request = { max_tokens: 100, messages: [{ role: "user" as const, content: "hi" }] };

describe("createProviderClient routing and credentials", () => {
  it.each([
    ["sonnet", { ANTHROPIC_API_KEY: "k" }, "anthropic", "claude-sonnet-4-6"],
    ["gpt-4o", { OPENAI_API_KEY: "k" }, "openai", "gpt-4o"],
    ["codex", { OPENAI_API_KEY: "k" }, "openai-responses", "gpt-5-codex"],
    ["openai/gpt-5-codex", { OPENAI_API_KEY: "k" }, "openai", "gpt-5-codex"],
    ["grok", { XAI_API_KEY: "k" }, "xai", "grok-3"],
    ["llama", {}, "ollama", "llama3.1"],
    ["openai-compatible/qwen2.5-7b-instruct", { OPENAI_COMPATIBLE_BASE_URL: "http://127.0.0.1:1/v1" }, "openai-compatible", "qwen2.5-7b-instruct"],
  ])("%s → %s", (model, env, provider, wireModel) => {
    const client = createProviderClient({ model, env, configHome: home.path });
    expect(client.provider).toBe(provider);
    expect(client.model).toBe(wireModel);
  });

  it("names the env vars and key file when credentials are missing", () => {
    const error = (() => {
      try {
        createProviderClient({ model: "gpt-5", env: {}, configHome: home.path });
      } catch (caught) {
        return caught;
      }
    })();
    expect(MissingCredentialsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `openai: no credentials found; set OPENAI_API_KEY, or write the key to ${home.path}/credentials/openai.key`,
    );
    expect(() => createProviderClient({ model: "sonnet", env: {}, configHome: home.path })).toThrow(
      /^anthropic: no credentials found; set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN, or write the key to /,
    );
  });

  it("needs a base URL for openai-compatible and checks URLs", () => {
    expect(() => createProviderClient({ model: "openai-compatible/x", env: {}, configHome: home.path })).toThrow(
      "openai-compatible: no base URL; set OPENAI_COMPATIBLE_BASE_URL (for example http://localhost:1234/v1)",
    );
    const error = (() => {
      try {
        createProviderClient({ model: "llama", env: { OLLAMA_BASE_URL: "localhost 11434" }, configHome: home.path });
      } catch (caught) {
        return caught;
      }
    })();
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe("ollama: OLLAMA_BASE_URL is not a valid URL: localhost 11434");
  });

  it("rejects an empty model name", () => {
    expect(() => createProviderClient({ model: " ", env: {} })).toThrow(/the model name is empty/);
  });
});

describe("createProviderClient on the wire", () => {
  it("sends Anthropic's headers and reads a key file", async () => {
    saveApiKey("anthropic", "sk-ant-from-file", { env: {}, configHome: home.path });
    const client = createProviderClient({
      model: "anthropic/haiku",
      env: { ANTHROPIC_BASE_URL: mock.baseUrl },
      configHome: home.path,
      headers: { "x-extra": "1" },
    });
    await collectStream(client.stream({ ...request, system: "sys" }));
    const recorded = mock.requests[0]!;
    expect(recorded.path).toBe("/v1/messages");
    expect(recorded.headers["x-api-key"]).toBe("sk-ant-from-file");
    expect(recorded.headers["anthropic-version"]).toBe("2023-06-01");
    expect(recorded.headers["x-extra"]).toBe("1");
    expect(recorded.body).toMatchObject({
      model: "claude-haiku-4-5",
      stream: true,
      system: [{ type: "text", text: "sys", cache_control: { type: "ephemeral" } }],
    });
  });

  it("sends ANTHROPIC_AUTH_TOKEN as a bearer token", async () => {
    const client = createProviderClient({
      model: "sonnet",
      env: { ANTHROPIC_AUTH_TOKEN: "tok-1", ANTHROPIC_BASE_URL: mock.baseUrl },
      configHome: home.path,
    });
    await client.send(request);
    expect(mock.requests[0]?.headers.authorization).toBe("Bearer tok-1");
    expect(mock.requests[0]?.headers["x-api-key"]).toBeUndefined();
  });

  it("sends OpenAI requests to {base}/chat/completions with a bearer key and gpt-5 token field", async () => {
    const client = createProviderClient({
      model: "gpt-5",
      env: { OPENAI_API_KEY: "sk-1", OPENAI_BASE_URL: `${mock.baseUrl}/v1/` },
      configHome: home.path,
    });
    await collectStream(client.stream(request));
    expect(mock.requests[0]?.path).toBe("/v1/chat/completions");
    expect(mock.requests[0]?.headers.authorization).toBe("Bearer sk-1");
    expect(mock.requests[0]?.body).toMatchObject({ model: "gpt-5", max_completion_tokens: 100, stream_options: { include_usage: true } });
  });

  it("lets an OpenAI-compatible server go without a key", async () => {
    const client = createProviderClient({ model: "openai-compatible/local", env: {}, baseUrl: `${mock.baseUrl}/v1`, configHome: home.path });
    await client.send(request);
    expect(mock.requests[0]?.headers.authorization).toBeUndefined();
    expect(mock.requests[0]?.body).toMatchObject({ model: "local", max_tokens: 100 });
  });

  it("uses the request's model when given", async () => {
    const client = createProviderClient({ model: "sonnet", env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: mock.baseUrl }, configHome: home.path });
    await client.send({ ...request, model: "opus" });
    expect(mock.requests[0]?.body).toMatchObject({ model: "claude-opus-4-6" });
  });

  it("reports each HTTP request to telemetry with path only, never the key", async () => {
    const telemetry = new MemorySink();
    const client = createProviderClient({
      model: "codex",
      env: { OPENAI_API_KEY: "sk-very-secret", OPENAI_BASE_URL: `${mock.baseUrl}/v1?token=abc` },
      configHome: home.path,
      telemetry,
      sessionId: "s1",
    });
    await collectStream(client.stream(request));
    expect(telemetry.events.map((event) => event.type)).toEqual(["http_request_started", "http_request_succeeded"]);
    expect(telemetry.events[0]).toMatchObject({ method: "POST", path: "/v1/responses", attempt: 1, sessionId: "s1" });
    expect(telemetry.events[1]).toMatchObject({ status: 200, requestId: "req_mock_1" });
    expect(JSON.stringify(telemetry.events)).not.toContain("sk-very-secret");
    expect(JSON.stringify(telemetry.events)).not.toContain("token=abc");
  });
});

describe("request validation", () => {
  it("rejects a malformed request before sending it, naming the field", async () => {
    const client = createProviderClient({ model: "sonnet", env: { ANTHROPIC_API_KEY: "k", ANTHROPIC_BASE_URL: mock.baseUrl }, configHome: home.path });
    const bad = { max_tokens: 0, messages: [{ role: "user" as const, content: "hi" }] };
    await expect(client.send(bad)).rejects.toThrow(/^anthropic: the request is not valid \(max_tokens: /);
    const error = await collectStream(client.stream(bad)).catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(mock.requests).toHaveLength(0);
  });
});
