import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

async function fakeOllama(models: string[]): Promise<string> {
  const server = createServer((request, response) => {
    if (request.url === "/api/tags") {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ models: models.map((name) => ({ name, size: 1, digest: "abc", modified_at: "2026-01-01T00:00:00Z" })) }));
      return;
    }
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("/models", () => {
  it("lists models by provider with their credentials and the local Ollama models", async () => {
    const baseUrl = await fakeOllama(["llama3.1:latest", "nomic-embed-text"]);
    const host = await useFakeHost({ env: { OLLAMA_BASE_URL: baseUrl, XAI_API_KEY: "test-xai" } });
    const { output } = await host.run("/models");
    expect(output).toContain("Anthropic — key from env ANTHROPIC_API_KEY\n    claude-opus-4-6 (opus)\n  ● claude-sonnet-4-6 (sonnet)\n    claude-haiku-4-5 (haiku)");
    expect(output).toContain("OpenAI — no key (set OPENAI_API_KEY or run /login openai)");
    expect(output).toContain("OpenAI Codex (Responses API) — no key (set OPENAI_API_KEY or run /login openai)\n    gpt-5-codex (codex)");
    expect(output).toContain("xAI — key from env XAI_API_KEY\n    grok-3 (grok, grok3)");
    expect(output).toContain(`Ollama (local, ${baseUrl}) — running\n    llama3.1:latest\n    ollama/nomic-embed-text`);
    expect(output?.endsWith("\n\nSwitch with /model <name>.")).toBe(true);
  });

  it("says when Ollama is not running", async () => {
    const host = await useFakeHost({ env: { OLLAMA_BASE_URL: "http://127.0.0.1:9" } });
    expect((await host.run("/models")).output).toContain("Ollama (local) — not running at http://127.0.0.1:9");
  });
});
