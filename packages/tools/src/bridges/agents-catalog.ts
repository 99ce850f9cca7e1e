import type { AgentCatalog, AgentDefinition } from "@axion/plugins";
import { createAgentCatalog } from "@axion/plugins";
import { ToolError } from "@axion/runtime";

/** What the sub-agent runner needs to start an agent of one `subagent_type`. */
export interface SubagentType {
  name: string;
  description: string;
  systemPrompt: string;
  /** Tool names the agent may use; undefined means every tool of the session. */
  tools?: string[] | undefined;
  /** undefined (or `inherit`) means the session's model. */
  model?: string | undefined;
  source: string;
}

/** The custom agents offered to the Agent tool as `subagent_type` values. */
export interface SubagentTypeCatalog {
  list(): { name: string; description: string; source: string }[];
  get(name: string): SubagentType | undefined;
  /** Like `get`, but an unknown name is a `ToolError` listing the available types, for the model to correct. */
  resolve(name: string): SubagentType;
  /** `- name: description` lines for the Agent tool's description; empty when there are no custom agents. */
  describe(): string;
}

/** Adapts custom agents (from `loadAgents`) to the Agent tool's `subagent_type`. */
export function agentsCatalog(agents: AgentCatalog | readonly AgentDefinition[]): SubagentTypeCatalog {
  const catalog = isCatalog(agents) ? agents : createAgentCatalog(agents);
  const toType = (agent: AgentDefinition): SubagentType => {
    const type: SubagentType = { name: agent.name, description: agent.description, systemPrompt: agent.systemPrompt, source: agent.source };
    if (agent.tools !== undefined) type.tools = [...agent.tools];
    if (agent.model !== undefined && agent.model !== "inherit") type.model = agent.model;
    return type;
  };
  const get = (name: string): SubagentType | undefined => {
    const agent = catalog.get(name);
    return agent === undefined ? undefined : toType(agent);
  };
  return {
    list: () => catalog.list().map((agent) => ({ name: agent.name, description: agent.description, source: agent.source })),
    get,
    resolve(name) {
      const found = get(name);
      if (found !== undefined) return found;
      const names = catalog.list().map((agent) => agent.name);
      throw new ToolError(
        `Unknown subagent_type "${name}". ${names.length === 0 ? "No custom agents are defined." : `Available: ${names.join(", ")}`}`,
        "subagent_type_unknown",
      );
    },
    describe: () =>
      catalog
        .list()
        .map((agent) => `- ${agent.name}: ${agent.description}${agent.tools === undefined ? "" : ` (tools: ${agent.tools.join(", ")})`}`)
        .join("\n"),
  };
}

function isCatalog(value: AgentCatalog | readonly AgentDefinition[]): value is AgentCatalog {
  return !Array.isArray(value);
}
