import { CommandError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";

export const SUMMARY_PROMPT = [
  "Summarize this entire conversation so far for someone picking up the work:",
  "- the goal;",
  "- what was done (files changed, commands run, results);",
  "- decisions made and why;",
  "- open problems and the next steps.",
  "Be brief and use bullet points. Do not call any tools.",
].join("\n");

/** `/summary`: asks the model to summarise the conversation. */
export const summaryCommand: SlashCommand = {
  name: "summary",
  category: "Task & Workflow",
  summary: "Have the model summarise the conversation",
  async run(_args, host) {
    if (host.session.messages.length === 0) throw new CommandError("command_failed", "Nothing to summarise: the conversation is empty.");
    return { runPrompt: SUMMARY_PROMPT };
  },
};
