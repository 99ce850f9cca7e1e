import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/auth-mode", () => {
  it("reports API-key authentication and where each key comes from", async () => {
    const host = await useFakeHost();
    const { output } = await host.run("/auth-mode");
    expect(output).toBe(
      [
        "Authentication: API keys.",
        "Credentials:",
        "  anthropic  API key from env ANTHROPIC_API_KEY",
        "  openai     no key (set OPENAI_API_KEY or /login openai <key>)",
        "  xai        no key (set XAI_API_KEY or /login xai <key>)",
        "  ollama     no key needed",
      ].join("\n"),
    );
  });

  it("declines vendor OAuth subscriptions and keeps API keys", async () => {
    const host = await useFakeHost();
    for (const line of ["/auth-mode subscription", "/auth max"]) {
      expect((await host.run(line)).output).toMatch(
        /^OAuth subscriptions of other vendors \(Claude Pro\/Max, ChatGPT Plus\/Pro\) are not supported; axion uses API keys\. Save one with \/login <provider> <key>\.\n/,
      );
    }
    expect((await host.run("/auth api")).output).toMatch(/^axion already uses API keys; nothing to change\./);
    expect((await host.run("/auth magic")).error).toBe('Unknown mode "magic". Usage: /auth-mode [status | api | subscription]');
  });
});
