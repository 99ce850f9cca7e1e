import type { SlashCommand } from "../command-host.js";
import { plural } from "../text/format-text.js";

/** `/clear`: empties the conversation sent to the model. */
export const clearCommand: SlashCommand = {
  name: "clear",
  category: "Core",
  summary: "Empty the conversation (start fresh in this session)",
  async run(_args, host) {
    const count = host.session.messages.length;
    if (count === 0) return { output: "The conversation is already empty." };
    host.session.clear();
    return { output: `Cleared the conversation (${plural(count, "message")}).` };
  },
};
