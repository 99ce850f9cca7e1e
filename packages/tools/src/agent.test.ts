import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agentTool } from "./agent.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";
import type { SubagentOptions, SubagentRunner } from "./tool-services.js";

let workspace: TestWorkspace;

beforeEach(async () => {
  workspace = await createTestWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

describe("Agent", () => {
  it("hands the task to the host's sub-agent runner and returns its answer", async () => {
    const calls: { options: SubagentOptions; signal: AbortSignal }[] = [];
    const runSubagent: SubagentRunner = async (options, signal) => {
      calls.push({ options, signal });
      return "found 3 call sites";
    };
    const context = workspace.context({ services: { runSubagent } });
    const result = await callTool(
      agentTool,
      { description: "Find call sites", prompt: "Find every caller of foo()", subagent_type: "explore", model: "haiku" },
      context,
    );
    expect(result).toMatchObject({ text: "found 3 call sites", isError: false });
    expect(calls[0]?.options).toEqual({ description: "Find call sites", prompt: "Find every caller of foo()", subagentType: "explore", model: "haiku" });
    expect(calls[0]?.signal).toBe(context.signal);
  });

  it("fails clearly when the host runs no sub-agents", async () => {
    const result = await callTool(agentTool, { description: "d", prompt: "p" }, workspace.context());
    expect(result).toMatchObject({ isError: true, errorCode: "service_missing" });
    expect(result.text).toContain("Agent is not available");
  });

  it("is read-only, parallel, and rejects bad input naming the field", async () => {
    expect(agentTool.requiredPermission).toBe("read-only");
    expect(agentTool.parallel).toBe(true);
    expect((await callTool(agentTool, { prompt: "p" }, workspace.context())).text).toBe("Invalid input for Agent: description: required");
  });
});
