import type { SlashCommand } from "../command-host.js";
import { renderSessionList, resolveOtherSession, switchToSession } from "../support/session-list.js";

/** `/resume [id|latest]`: continues an earlier session; without an argument lists the sessions. */
export const resumeCommand: SlashCommand = {
  name: "resume",
  category: "Session Management",
  summary: "Continue an earlier session (lists them without an argument)",
  usage: "[id | latest]",
  details: "latest is the newest session other than the current one. An id prefix or a session file path also works.",
  argumentCompletions: (args, host) => ["latest", ...host.store.list().map((entry) => entry.id)].filter((entry) => entry.startsWith(args.trim())),
  async run(args, host) {
    const ref = args.trim();
    if (ref === "") return { output: `${renderSessionList(host)}\n\nResume one with /resume <id> or /resume latest.` };
    return { output: switchToSession(host, resolveOtherSession(host, ref)) };
  },
};
