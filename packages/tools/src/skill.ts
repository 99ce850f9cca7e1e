import { z } from "zod";
import { ToolError } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { requireService } from "./tool-services.js";

export const skillTool = defineTool({
  name: "Skill",
  description: [
    "Loads a skill: a set of instructions for a kind of task. Returns the skill's full text, to be followed.",
    "args fills in `$ARGUMENTS` in the skill.",
  ].join("\n"),
  inputSchema: z.object({
    skill: z.string().min(1).describe("Name of the skill (e.g. \"pdf\" or \"review-pr\")"),
    args: z.string().optional().describe("Arguments for the skill"),
  }),
  requiredPermission: "read-only",
  permissionSubject: (input) => input.skill,
  async execute(input, context) {
    const skills = requireService(context, "skills", "Skill");
    const name = input.skill.replace(/^\//, "");
    const body = await skills.load(name);
    if (body === undefined) {
      const available = skills.list().map((entry) => entry.name);
      throw new ToolError(
        `Unknown skill: ${name}. ${available.length === 0 ? "No skills are installed." : `Available skills: ${available.join(", ")}`}`,
        "skill_not_found",
      );
    }
    const args = input.args ?? "";
    if (body.includes("$ARGUMENTS")) return body.replaceAll("$ARGUMENTS", args);
    return args === "" ? body : `${body}\n\nARGUMENTS: ${args}`;
  },
});
