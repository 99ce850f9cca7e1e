import type { SlashCommand } from "../command-host.js";
import { oneLine } from "../text/format-text.js";

/** `/skills`: the skills the model can load with the Skill tool. */
export const skillsCommand: SlashCommand = {
  name: "skills",
  category: "Tool Management",
  summary: "List the skills",
  async run(_args, host) {
    const catalog = host.skills;
    const skills = catalog.list();
    const lines: string[] = [];
    if (skills.length === 0) {
      lines.push("No skills. Add folders with a SKILL.md to .axion/skills/ or .claude/skills/.");
    } else {
      lines.push(`Skills (${skills.length}):`);
      for (const skill of skills) lines.push(`  ${skill.name} — ${oneLine(skill.description, 100)} (${skill.source})`);
    }
    if (catalog.errors.length > 0) lines.push("", "Problems:", ...catalog.errors.map((error) => `  ${error.message}`));
    return { output: lines.join("\n") };
  },
};
