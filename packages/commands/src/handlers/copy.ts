import { CommandError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";
import { plural } from "../text/format-text.js";
import { lastAssistantText } from "../text/message-text.js";

/** `/copy`: copies the last reply of the model to the clipboard. */
export const copyCommand: SlashCommand = {
  name: "copy",
  category: "Utility",
  summary: "Copy the last reply to the clipboard",
  async run(_args, host) {
    const text = lastAssistantText(host.session.messages);
    if (text === undefined) throw new CommandError("command_failed", "Nothing to copy: the model has not replied yet.");
    if (host.clipboard === undefined) throw new CommandError("command_unavailable", "No clipboard is available in this terminal.");
    const copied = await host.clipboard(text);
    if (!copied) {
      throw new CommandError("command_unavailable", "Could not reach the clipboard (install xclip, xsel or wl-clipboard on Linux).");
    }
    return { output: `Copied the last reply (${plural(text.length, "character")}).` };
  },
};
