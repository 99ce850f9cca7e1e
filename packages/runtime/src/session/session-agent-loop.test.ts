import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { estimateCost, type Message } from "@axion/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compactMessages } from "../compaction/compact-messages.js";
import { runAgentTurn } from "../loop/agent-loop.js";
import { ToolDispatcher, type PermissionGate } from "../loop/tool-dispatcher.js";
import { scriptedClient } from "../test-support/scripted-client.js";
import type { RuntimeTool } from "../tool-contract.js";
import { priceUsage } from "../usage/usage-tracker.js";
import { resumeSession, SessionStore } from "./session-store.js";

let cwd: string;

beforeEach(() => {
  cwd = realpathSync(mkdtempSync(join(tmpdir(), "axion-session-loop-")));
});

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

const echo: RuntimeTool = {
  name: "Echo",
  description: "Echo tool",
  inputSchema: { type: "object", additionalProperties: false },
  requiredPermission: "read-only",
  validate: (input) => ({ ok: true, value: input }),
  execute: async (input) => ({ content: `echo: ${(input as { text: string }).text}` }),
};

function loopOptions(client: ReturnType<typeof scriptedClient>, messages: Message[], transcript: Parameters<typeof runAgentTurn>[0]["transcript"]) {
  const registry = { list: () => [echo], get: (name: string) => (name === "Echo" ? echo : undefined) };
  const allowAll: PermissionGate = { check: async () => ({ allowed: true, reason: "allowed" }) };
  const dispatcher = new ToolDispatcher({
    tools: registry,
    permissions: allowAll,
    cwd,
    permissionMode: () => "read-only",
    createContext: (call, signal) => ({ cwd, sessionId: "s", toolUseId: call.id, permissionMode: "read-only", signal, env: {}, services: {}, fs: {} as never, exec: async () => { throw new Error("no exec"); } }),
  });
  return { client, systemPrompt: "system", tools: registry, dispatcher, messages, transcript, maxTokens: 1000, priceUsage };
}

describe("a session written by the agent loop", () => {
  it("loads back exactly the conversation the loop holds, auto-compaction and usage included", async () => {
    const store = new SessionStore({ cwd });
    const writer = store.create({ model: "claude-sonnet-4-6" });
    const messages: Message[] = [];
    const first = scriptedClient([
      { text: ["Looking."], toolCalls: [{ id: "toolu_1", name: "Echo", json: ['{"text":', '"one"}'] }], usage: { input_tokens: 100, output_tokens: 10 } },
      { text: ["First done."], usage: { input_tokens: 120, output_tokens: 12 } },
    ]);
    // long enough that a summary of it is smaller (a compaction that would not shrink is not applied)
    await runAgentTurn(loopOptions(first, messages, writer), `first task ${"with details ".repeat(100)}`);

    // the second turn crosses the threshold after its tool call and compacts with the real compactor
    const second = scriptedClient([
      { toolCalls: [{ id: "toolu_2", name: "Echo", json: ['{"text":"two"}'] }], usage: { input_tokens: 50_000, output_tokens: 20 } },
      { text: ["Second done."], usage: { input_tokens: 600, output_tokens: 15 } },
    ]);
    const result = await runAgentTurn(
      {
        ...loopOptions(second, messages, writer),
        autoCompact: { threshold: 40_000, compact: (current, signal) => compactMessages(current, { keepRecent: 2, signal }) },
      },
      "second task",
    );
    expect(result.autoCompaction?.removed_messages).toBeGreaterThan(0);
    writer.close();

    const loaded = store.open(writer.id);
    expect(loaded.compactions).toBe(1);
    expect(loaded.messages).toEqual(messages);
    expect(loaded.usage).toEqual({ input_tokens: 50_820, output_tokens: 57, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    expect(loaded.costUsd).toBeCloseTo(estimateCost(loaded.usage, "claude-sonnet-4-6").totalUsd, 10);

    // resuming continues the same file, and a third turn loads back too
    const { session, writer: resumed } = resumeSession(store, writer.id);
    const continued = [...session.messages];
    await runAgentTurn(loopOptions(scriptedClient([{ text: ["Third."] }]), continued, resumed), "third task");
    resumed.close();
    expect(store.open(writer.id).messages).toEqual(continued);
  });
});
