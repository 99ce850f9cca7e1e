import type { SlashCommand } from "../command-host.js";
import { oneLine } from "../text/format-text.js";

/** `/agents`: the custom sub-agents (project, user and plugin markdown files) the Agent tool can start. */
export const agentsCommand: SlashCommand = {
  name: "agents",
  category: "Tool Management",
  summary: "List the custom sub-agents",
  async run(_args, host) {
    const catalog = host.agents;
    const agents = catalog.list();
    const lines: string[] = [];
    if (agents.length === 0) {
      lines.push("No custom agents. Add markdown files to .axion/agents/ or .claude/agents/ (frontmatter: name, description, tools, model).");
    } else {
      lines.push(`Agents (${agents.length}):`);
      for (const agent of agents) {
        const details = [agent.source, agent.model === undefined ? undefined : `model ${agent.model}`, agent.tools === undefined ? "all tools" : `tools ${agent.tools.join(", ")}`]
          .filter((part) => part !== undefined)
          .join("; ");
        lines.push(`  ${agent.name} — ${oneLine(agent.description, 100)} (${details})`);
      }
    }
    if (catalog.errors.length > 0) lines.push("", "Problems:", ...catalog.errors.map((error) => `  ${error.message}`));
    return { output: lines.join("\n") };
  },
};
