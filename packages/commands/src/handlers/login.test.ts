import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/login", () => {
  it("saves an API key with mode 600 and lets the session switch to that provider", async () => {
    const host = await useFakeHost();
    expect((await host.run("/model gpt-4o")).error).toMatch(/^Cannot switch to gpt-4o: openai: no credentials found/);
    const path = join(host.configHome, "credentials", "openai.key");
    expect(await host.run("/login openai sk-test-123")).toEqual({ output: `Saved the openai API key to ${path} (readable only by you).` });
    expect(readFileSync(path, "utf8")).toBe("sk-test-123\n");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await host.run("/model gpt-4o")).output).toBe("Switched model: claude-sonnet-4-6 (anthropic) → gpt-4o (openai). The next turn goes to openai.");
    expect((await host.run("/models")).output).toContain(`OpenAI — key from file ${path}`);
  });

  it("uses the session's provider, asks for the key without echo, and rebuilds the client", async () => {
    const host = await useFakeHost({ env: { ANTHROPIC_API_KEY: undefined, OPENAI_API_KEY: "env-key" }, model: "gpt-5", secret: "sk-typed" });
    const { output } = await host.run("/login");
    expect(host.secretPrompts).toEqual(["API key for openai: "]);
    expect(output).toBe(
      [
        `Saved the openai API key to ${host.configHome}/credentials/openai.key (readable only by you).`,
        "Note: OPENAI_API_KEY is set in the environment and is used before the saved key.",
        "The session (gpt-5) uses it from the next turn.",
      ].join("\n"),
    );
  });

  it("rejects unknown providers and keys with spaces", async () => {
    const host = await useFakeHost();
    expect((await host.run("/login gemini abc")).error).toBe('/login: unknown provider "gemini"; expected one of anthropic, openai, xai');
    expect((await host.run("/login xai")).error).toBe("Usage: /login xai <api-key>");
    expect((await host.run("/login xai two words")).error).toBe("/login xai: an API key has no spaces; nothing saved.");
  });
});
