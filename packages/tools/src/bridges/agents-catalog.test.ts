import { describe, expect, it } from "vitest";
import type { AgentDefinition } from "@axion/plugins";
import { ToolError } from "@axion/runtime";
import { agentsCatalog } from "./agents-catalog.js";

const agent = (name: string, extra: Partial<AgentDefinition> = {}): AgentDefinition => ({
  name,
  description: `${name} agent`,
  systemPrompt: `You are ${name}.`,
  source: "project",
  file: `/p/.axion/agents/${name}.md`,
  attributes: {},
  ...extra,
});

describe("agentsCatalog", () => {
  const catalog = agentsCatalog([
    agent("reviewer", { tools: ["Read", "Grep"], model: "opus" }),
    agent("planner", { model: "inherit" }),
    agent("feature-dev:code-explorer", { localName: "code-explorer", source: "plugin:feature-dev@installed" }),
  ]);

  it("resolves subagent types by name and by a plugin agent's short name", () => {
    expect(catalog.resolve("reviewer")).toEqual({
      name: "reviewer",
      description: "reviewer agent",
      systemPrompt: "You are reviewer.",
      tools: ["Read", "Grep"],
      model: "opus",
      source: "project",
    });
    expect(catalog.get("planner")?.model).toBeUndefined();
    expect(catalog.get("code-explorer")?.name).toBe("feature-dev:code-explorer");
  });

  it("answers an unknown type with a ToolError listing the known ones", () => {
    let thrown: unknown;
    try {
      catalog.resolve("tester");
    } catch (error) {
      thrown = error;
    }
    expect(ToolError.isInstance(thrown)).toBe(true);
    expect((thrown as ToolError).message).toBe('Unknown subagent_type "tester". Available: reviewer, planner, feature-dev:code-explorer');
    expect(() => agentsCatalog([]).resolve("x")).toThrow('Unknown subagent_type "x". No custom agents are defined.');
  });

  it("describes the types for the Agent tool", () => {
    expect(catalog.describe()).toBe(
      ["- reviewer: reviewer agent (tools: Read, Grep)", "- planner: planner agent", "- feature-dev:code-explorer: feature-dev:code-explorer agent"].join("\n"),
    );
    expect(catalog.list()).toHaveLength(3);
  });
});
