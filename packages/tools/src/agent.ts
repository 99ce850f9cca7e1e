import { z } from "zod";
import { ToolError } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { requireService } from "./tool-services.js";

export const agentTool = defineTool({
  name: "Agent",
  description: [
    "Starts a sub-agent with its own conversation to carry out a self-contained task (research, a search across",
    "many files, a focused change) and returns its final answer.",
    "",
    "- The prompt must hold everything the sub-agent needs: it does not see this conversation.",
    "- Several Agent calls in one message run in parallel.",
  ].join("\n"),
  inputSchema: z.object({
    description: z.string().min(1).describe("A short (3-5 word) description of the task"),
    prompt: z.string().min(1).describe("The complete task for the sub-agent"),
    subagent_type: z.string().min(1).optional().describe("The kind of sub-agent to use, if the host defines several"),
    model: z.string().min(1).optional().describe("Model for the sub-agent (default: the session's model)"),
  }),
  requiredPermission: "read-only",
  parallel: true,
  permissionSubject: (input) => input.subagent_type,
  async execute(input, context) {
    const runSubagent = requireService(context, "runSubagent", "Agent");
    const answer = await runSubagent(
      {
        description: input.description,
        prompt: input.prompt,
        ...(input.subagent_type === undefined ? {} : { subagentType: input.subagent_type }),
        ...(input.model === undefined ? {} : { model: input.model }),
      },
      context.signal,
    );
    if (typeof answer !== "string") throw new ToolError("The sub-agent returned no answer", "subagent_no_answer");
    return { content: answer === "" ? "(The sub-agent finished without a final message)" : answer, display: { kind: "agent", description: input.description } };
  },
});
