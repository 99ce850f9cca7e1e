import type { SlashCommand } from "../command-host.js";

/** `/quit` (`/exit`, `/q`): leaves the REPL; the session stays on disk. */
export const quitCommand: SlashCommand = {
  name: "quit",
  aliases: ["exit", "q"],
  category: "Core",
  summary: "Leave axion (the session is saved)",
  async run(_args, host) {
    return { exit: true, output: `Session ${host.session.id} saved. Resume it with: axion --resume ${host.session.id}` };
  },
};
