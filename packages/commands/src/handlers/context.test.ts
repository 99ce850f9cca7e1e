import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/context", () => {
  it("draws how full the model's context window is", async () => {
    const host = await useFakeHost({ model: "gpt-4o", env: { OPENAI_API_KEY: "test-openai-key" } });
    host.addExchange("x".repeat(256_000), [{ type: "tool_use", id: "t1", name: "Read", input: { file_path: "a.ts" } }]);
    host.addMessage({ role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "ok" }] });
    const { output } = await host.run("/context");
    const lines = output?.split("\n") ?? [];
    expect(lines[0]).toBe(`[${"#".repeat(25)}${"-".repeat(25)}] 50.0%`);
    expect(lines[1]).toMatch(/^About 64,\d{3} of 128,000 tokens \(gpt-4o\), not counting the system prompt and tool definitions\.$/);
    expect(lines[2]).toBe("3 messages: 1 tool calls, 1 tool-result messages.");
  });

  it("warns when the context is nearly full", async () => {
    const host = await useFakeHost();
    host.addExchange("x".repeat(700_000), [{ type: "text", text: "ok" }]);
    expect((await host.run("/context")).output).toContain("The context is nearly full: /compact summarises older messages, /clear starts over.");
  });
});
