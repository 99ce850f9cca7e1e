import { mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message } from "@axion/api";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { scriptedClient } from "../test-support/scripted-client.js";
import type { RuntimeTool, ToolContext, ToolOutput } from "../tool-contract.js";
import { ToolError } from "../tool-error.js";
import type { AgentEvent } from "./agent-events.js";
import { runAgentTurn, TurnBudget, type AgentTurnOptions, type TranscriptWriter } from "./agent-loop.js";
import type { HookOutcome } from "../hooks/hook-runner.js";
import { ToolDispatcher, type HookRunnerLike, type PermissionGate } from "./tool-dispatcher.js";

function tool(name: string, schema: z.ZodType, run: (input: never, context: ToolContext) => Promise<ToolOutput>, extra: Partial<RuntimeTool> = {}): RuntimeTool {
  return {
    name,
    description: `${name} tool`,
    inputSchema: { type: "object", additionalProperties: false },
    requiredPermission: "read-only",
    validate(input) {
      const parsed = schema.safeParse(input);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: `Invalid input for ${name}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}` };
    },
    execute: (input, context) => run(input as never, context),
    ...extra,
  };
}

const echo = tool("Echo", z.object({ text: z.string() }), async (input: { text: string }) => ({ content: `echo: ${input.text}` }));
const failing = tool("Fail", z.object({}), async () => {
  throw new ToolError("file not found: nope.txt");
});
const crashing = tool("Crash", z.object({}), async () => {
  throw new Error("bug in tool");
});

const allowAll: PermissionGate = { check: async () => ({ allowed: true, reason: "allowed" }) };

function setup(replies: Parameters<typeof scriptedClient>[0], overrides: Partial<AgentTurnOptions> & { gate?: PermissionGate; hooks?: HookRunnerLike; extraTools?: RuntimeTool[] } = {}) {
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), "axion-loop-")));
  const client = scriptedClient(replies);
  const all = [echo, failing, crashing, ...(overrides.extraTools ?? [])];
  const registry = { list: () => all, get: (name: string) => all.find((candidate) => candidate.name === name) };
  const dispatcher = new ToolDispatcher({
    tools: registry,
    permissions: overrides.gate ?? allowAll,
    hooks: overrides.hooks,
    cwd,
    permissionMode: () => "workspace-write",
    createContext: (call, signal) => ({ cwd, sessionId: "s", toolUseId: call.id, permissionMode: "workspace-write", signal, env: {}, services: {}, fs: {} as never, exec: async () => { throw new Error("no exec"); } }),
  });
  const events: AgentEvent[] = [];
  const records: unknown[] = [];
  const transcript: TranscriptWriter = {
    appendMessage: (message) => records.push({ type: "message", role: message.role, content: message.content }),
    appendCompaction: (record) => records.push({ type: "compaction", ...record }),
  };
  const messages: Message[] = [];
  const options: AgentTurnOptions = {
    client,
    systemPrompt: "system",
    tools: registry,
    dispatcher,
    messages,
    transcript,
    maxTokens: 1000,
    onEvent: (event) => events.push(event),
    ...overrides,
  };
  return { client, options, events, records, messages };
}

describe("runAgentTurn", () => {
  it("streams a text reply and stops at end_turn", async () => {
    const { options, events, records } = setup([{ text: ["Hello ", "there."] }]);
    const result = await runAgentTurn(options, "hi");
    expect(result.message).toBe("Hello there.");
    expect(result.iterations).toBe(1);
    expect(result.stopReason).toBe("end_turn");
    expect(events.filter((event) => event.type === "text_delta").map((event) => (event as { text: string }).text)).toEqual(["Hello ", "there."]);
    expect(records).toHaveLength(2);
  });

  it("runs a chunked tool call, sends the result back and keeps the streamed input string", async () => {
    const { options, client } = setup([
      { toolCalls: [{ id: "toolu_1", name: "Echo", json: ['{"te', 'xt":"hi"}'] }] },
      { text: ["done"] },
    ]);
    const result = await runAgentTurn(options, "go");
    expect(result.iterations).toBe(2);
    expect(result.toolUses).toEqual([{ id: "toolu_1", name: "Echo", input: '{"te' + 'xt":"hi"}' }]);
    expect(result.toolResults).toEqual([{ tool_use_id: "toolu_1", tool_name: "Echo", output: "echo: hi", is_error: false }]);
    const second = client.requests[1]!;
    const last = second.messages.at(-1)!;
    expect(last.role).toBe("user");
    expect(last.content).toEqual([{ type: "tool_result", tool_use_id: "toolu_1", content: "echo: hi" }]);
    expect(second.tools?.map((definition) => definition.name)).toEqual(["Echo", "Fail", "Crash"]);
  });

  it("turns schema failures, unknown tools, ToolErrors and refusals into is_error results", async () => {
    const gate: PermissionGate = { check: async (request) => (request.toolName === "Echo" && (request.input as { text: string }).text === "no" ? { allowed: false, reason: "Tool 'Echo' requires workspace-write permission" } : { allowed: true, reason: "" }) };
    const { options } = setup(
      [
        {
          toolCalls: [
            { id: "a", name: "Echo", json: ['{"text":3}'] },
            { id: "b", name: "Nope", json: ["{}"] },
            { id: "c", name: "Fail", json: ["{}"] },
            { id: "d", name: "Echo", json: ['{"text":"no"}'] },
            { id: "e", name: "Echo", json: ['{"text":'] },
          ],
        },
        { text: ["ok"] },
      ],
      { gate },
    );
    const result = await runAgentTurn(options, "go");
    const byId = Object.fromEntries(result.toolResults.map((entry) => [entry.tool_use_id, entry]));
    expect(byId["a"]!.is_error).toBe(true);
    expect(byId["a"]!.output).toContain("text:");
    expect(byId["b"]!.output).toContain("Unknown tool: Nope");
    expect(byId["c"]!.output).toBe("file not found: nope.txt");
    expect(byId["d"]!.output).toContain("requires workspace-write permission");
    expect(byId["e"]!.output).toContain("not valid JSON");
    expect(result.iterations).toBe(2);
  });

  it("treats an unexpected tool exception as fatal but leaves every tool_use answered", async () => {
    const { options, messages } = setup([{ toolCalls: [{ id: "x", name: "Crash", json: ["{}"] }, { id: "y", name: "Echo", json: ['{"text":"a"}'] }] }]);
    await expect(runAgentTurn(options, "go")).rejects.toThrow("bug in tool");
    const last = messages.at(-1)!;
    expect(last.role).toBe("user");
    expect((last.content as { tool_use_id: string; is_error?: boolean }[]).map((block) => [block.tool_use_id, block.is_error])).toEqual([["x", true], ["y", true]]);
  });

  it("stops the same call repeated five times in a row", async () => {
    const same = { toolCalls: [{ id: "r", name: "Echo", json: ['{"text":"loop"}'] }] };
    const { options } = setup([same, same, same, same, same, same, same]);
    const result = await runAgentTurn(options, "go");
    expect(result.stopReason).toBe("loop_guard");
    expect(result.stopMessage).toContain("Echo was called 5 times in a row");
    expect(result.toolResults.filter((entry) => !entry.is_error)).toHaveLength(4);
    expect(result.toolResults.at(-1)!.is_error).toBe(true);
  });

  it("honours max turns and max cost", async () => {
    const call = (n: number) => ({ toolCalls: [{ id: `t${n}`, name: "Echo", json: [`{"text":"${n}"}`] }] });
    const turns = setup([call(1), call(2), call(3), call(4)], { maxTurns: 2 });
    const limited = await runAgentTurn(turns.options, "go");
    expect(limited.stopReason).toBe("max_turns");
    expect(limited.iterations).toBe(2);

    const costly = setup([call(1), call(2), call(3)], { maxCostUsd: 0.015, priceUsage: () => 0.01 });
    const capped = await runAgentTurn(costly.options, "go");
    expect(capped.stopReason).toBe("max_cost");
    expect(capped.iterations).toBe(2);
    expect(capped.stopMessage).toContain("cost limit of $0.0150");
  });

  it("counts a shared budget across turns, so a sub-agent's calls and spend bound its parent too", async () => {
    const call = (n: number) => ({ toolCalls: [{ id: `t${n}`, name: "Echo", json: [`{"text":"${n}"}`] }] });
    const budget = new TurnBudget();
    const child = setup([call(1), call(2), call(3)], { maxCostUsd: 0.025, maxTurns: 10, priceUsage: () => 0.01, budget });
    const childResult = await runAgentTurn(child.options, "child");
    expect(childResult.stopReason).toBe("max_cost");
    expect(budget.modelCalls).toBe(3);
    expect(budget.costUsd).toBeCloseTo(0.03);
    // the parent shares the budget: it is already spent, so the parent makes no further call
    const parent = setup([{ text: ["never sent"] }], { maxCostUsd: 0.025, maxTurns: 10, priceUsage: () => 0.01, budget });
    const parentResult = await runAgentTurn(parent.options, "parent");
    expect(parentResult.stopReason).toBe("max_cost");
    expect(parentResult.iterations).toBe(0);
    expect(parent.client.requests).toHaveLength(0);

    const turns = new TurnBudget();
    turns.modelCalls = 4;
    const limited = setup([call(1), call(2)], { maxTurns: 5, budget: turns });
    expect((await runAgentTurn(limited.options, "go")).iterations).toBe(1);
  });

  it("runs parallel tools together and keeps result order", async () => {
    const order: string[] = [];
    const slow = tool("Agent", z.object({ n: z.number() }), async (input: { n: number }) => {
      order.push(`start ${input.n}`);
      await new Promise((resolve) => setTimeout(resolve, input.n === 1 ? 50 : 5));
      order.push(`end ${input.n}`);
      return { content: `agent ${input.n}` };
    }, { parallel: true });
    const { options } = setup(
      [{ toolCalls: [{ id: "p1", name: "Agent", json: ['{"n":1}'] }, { id: "p2", name: "Agent", json: ['{"n":2}'] }] }, { text: ["ok"] }],
      { extraTools: [slow] },
    );
    const result = await runAgentTurn(options, "go");
    expect(order.slice(0, 2)).toEqual(["start 1", "start 2"]);
    expect(result.toolResults.map((entry) => entry.output)).toEqual(["agent 1", "agent 2"]);
  });

  it("cancels on abort mid-stream and keeps the partial text in the session", async () => {
    const controller = new AbortController();
    const { options, messages } = setup([{ text: ["partial answer"], hangUntilAborted: true }], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user pressed Ctrl-C")), 30);
    const result = await runAgentTurn(options, "go");
    expect(result.stopReason).toBe("aborted");
    expect(messages.at(-1)).toEqual({ role: "assistant", content: [{ type: "text", text: "partial answer\n\n[interrupted]" }] });
  });

  it("auto-compacts when the reported input crosses the threshold", async () => {
    const { options, records, messages } = setup([{ text: ["big"], usage: { input_tokens: 50_000 } }], {
      autoCompact: {
        threshold: 40_000,
        compact: async (current) => ({ messages: [{ role: "user", content: "[summary]" }, ...current.slice(-1)], removedMessages: current.length - 1, summary: "[summary]" }),
      },
    });
    messages.push(...Array.from({ length: 12 }, (_value, index): Message => ({ role: index % 2 ? "assistant" : "user", content: `m${index}` })));
    const result = await runAgentTurn(options, "go");
    expect(result.autoCompaction?.removed_messages).toBe(13);
    expect(records.some((record) => (record as { type: string }).type === "compaction")).toBe(true);
    expect(messages).toHaveLength(2);
  });

  it("applies hook decisions: a PreToolUse block and a rewritten input", async () => {
    const hooks: HookRunnerLike = {
      run: async (event, payload): Promise<HookOutcome> => {
        const base: HookOutcome = { blocked: false, additionalContext: [], systemMessages: [], warnings: [], output: [] };
        if (event !== "PreToolUse") return base;
        const input = payload["tool_input"] as { text: string };
        if (input.text === "secret") return { ...base, blocked: true, reason: "no secrets" };
        if (input.text === "rewrite") return { ...base, updatedInput: { text: "rewritten" } };
        return base;
      },
    };
    const { options } = setup(
      [{ toolCalls: [{ id: "h1", name: "Echo", json: ['{"text":"secret"}'] }, { id: "h2", name: "Echo", json: ['{"text":"rewrite"}'] }] }, { text: ["ok"] }],
      { hooks },
    );
    const result = await runAgentTurn(options, "go");
    expect(result.toolResults[0]!.output).toBe("Blocked by PreToolUse hook: no secrets");
    expect(result.toolResults[1]!.output).toBe("echo: rewritten");
  });
});

describe("hook continuation", () => {
  it("stops the turn when a PostToolUse hook answers continue: false and shows its systemMessage", async () => {
    const hooks: HookRunnerLike = {
      run: async (event): Promise<HookOutcome> => {
        const base: HookOutcome = { blocked: false, additionalContext: [], systemMessages: [], warnings: [], output: [] };
        if (event !== "PostToolUse") return base;
        return { ...base, blocked: true, systemMessages: ["lint failed"], stopContinuation: { reason: "fix the lint errors first" } };
      },
    };
    const { options, events, client } = setup([{ toolCalls: [{ id: "s1", name: "Echo", json: ['{"text":"a"}'] }] }, { text: ["never"] }], { hooks });
    const result = await runAgentTurn(options, "go");
    expect(result.stopReason).toBe("hook_stopped");
    expect(result.stopMessage).toBe("Stopped by a hook after Echo: fix the lint errors first");
    expect(result.toolResults[0]!.output).toBe("echo: a");
    expect(client.requests).toHaveLength(1);
    expect(events).toContainEqual({ type: "notice", message: "lint failed" });
  });
});
