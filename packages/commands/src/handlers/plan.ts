import type { SlashCommand } from "../command-host.js";

const EXECUTE_WORDS = ["execute", "run", "go", "approve", "yes"];
const EXIT_WORDS = ["exit", "cancel", "stop", "off"];

/** The turn sent by `/plan execute`. */
export const EXECUTE_PLAN_PROMPT = "The plan is approved. Implement it now, step by step, and verify the result as the plan describes.";

/**
 * `/plan [<task> | execute | exit | status]`: in plan mode only read-only tools run and the model writes a plan;
 * `execute` leaves plan mode and has the model carry the plan out.
 */
export const planCommand: SlashCommand = {
  name: "plan",
  category: "Model & Permissions",
  summary: "Plan before changing anything (read-only tools only)",
  usage: "[<task> | execute | exit | status]",
  details: [
    "/plan <task>   enter plan mode and ask for a plan for the task",
    "/plan          enter plan mode",
    "/plan execute  leave plan mode and implement the plan (also: run, go, approve, yes)",
    "/plan exit     leave plan mode without implementing (also: cancel, stop)",
    "/plan status   show whether plan mode is on",
  ].join("\n"),
  argumentCompletions: (args) => ["execute", "exit", "status"].filter((entry) => entry.startsWith(args.trim())),
  async run(args, host) {
    const text = args.trim();
    const word = text.toLowerCase();
    const session = host.session;
    if (word === "status") {
      return { output: session.planMode ? "Plan mode is on: only read-only tools run. /plan execute to implement, /plan exit to leave." : "Plan mode is off." };
    }
    if (EXECUTE_WORDS.includes(word)) {
      if (!session.planMode) return { output: "Plan mode is off; there is no plan to execute. Start one with /plan <task>." };
      session.setPlanMode(false);
      return { output: "Plan mode off. Implementing the plan.", runPrompt: EXECUTE_PLAN_PROMPT };
    }
    if (EXIT_WORDS.includes(word)) {
      if (!session.planMode) return { output: "Plan mode is already off." };
      session.setPlanMode(false);
      return { output: "Plan mode off. Nothing was executed." };
    }
    const wasOn = session.planMode;
    session.setPlanMode(true);
    const intro = wasOn ? "Plan mode is on." : "Plan mode on: only read-only tools run until /plan execute or /plan exit.";
    if (text === "") return { output: `${intro} Describe the task to plan.` };
    return { output: intro, runPrompt: text };
  },
};
