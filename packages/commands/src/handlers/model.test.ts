import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/model", () => {
  it("shows the current model and provider", async () => {
    const host = await useFakeHost();
    expect(await host.run("/model")).toEqual({
      output: "Model: claude-sonnet-4-6 (anthropic)\nSwitch with /model <name>; /models lists the choices.",
    });
  });

  it("switches across providers and rebuilds the client for the next turn", async () => {
    const host = await useFakeHost({ env: { OPENAI_API_KEY: "test-openai-key" } });
    host.addExchange("hello", [{ type: "text", text: "hi" }]);
    expect(await host.run("/model 4o")).toEqual({
      output: "Switched model: claude-sonnet-4-6 (anthropic) → gpt-4o (openai). The next turn goes to openai.",
    });
    expect(host.client.provider).toBe("openai");
    expect(host.client.model).toBe("gpt-4o");
    expect(host.session.messages).toHaveLength(2);
    expect(await host.run("/model codex")).toEqual({
      output: "Switched model: gpt-4o (openai) → gpt-5-codex (openai-responses). The next turn goes to openai-responses.",
    });
    expect(await host.run("/model gpt-4o-mini")).toEqual({ output: "Switched model: gpt-5-codex (openai-responses) → gpt-4o-mini (openai). The next turn goes to openai." });
    expect((await host.run("/model opus")).output).toBe("Switched model: gpt-4o-mini (openai) → claude-opus-4-6 (anthropic). The next turn goes to anthropic.");
    expect(host.client.provider).toBe("anthropic");
  });

  it("keeps the old model when the new provider has no credentials", async () => {
    const host = await useFakeHost();
    const { error } = await host.run("/model grok");
    expect(error).toBe(
      `Cannot switch to grok-3: xai: no credentials found; set XAI_API_KEY, or write the key to ${host.configHome}/credentials/xai.key. ` +
        "Save a key with /login xai <key>. Still using claude-sonnet-4-6 (anthropic).",
    );
    expect(host.session.model).toBe("claude-sonnet-4-6");
    expect(host.client.provider).toBe("anthropic");
  });

  it("says so when the model is already in use, and completes names", async () => {
    const host = await useFakeHost();
    expect(await host.run("/model sonnet")).toEqual({ output: "Already using claude-sonnet-4-6 (anthropic)." });
    expect(host.registry().complete("/model gpt-4o", host)).toEqual(["/model gpt-4o", "/model gpt-4o-mini"]);
  });
});
