import { isSafeSessionName } from "@axion/runtime";
import { CommandError, usageError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";

/** `/rename <name>`: gives the session a name (its id and file name), to resume it by that name. */
export const renameCommand: SlashCommand = {
  name: "rename",
  category: "Session Management",
  summary: "Rename the session (resume it later by the name)",
  usage: "<name>",
  async run(args, host) {
    const name = args.trim();
    if (name === "") throw usageError("rename", "<name>");
    if (!isSafeSessionName(name)) {
      throw new CommandError("command_usage", `/rename: "${name}" is not a usable session name (letters, digits, ".", "_" and "-", starting with a letter or digit; not "latest")`);
    }
    const previous = host.session.id;
    if (name === previous) return { output: `The session is already named ${name}.` };
    host.session.rename(name);
    return { output: `Renamed session ${previous} to ${host.session.id}. Resume it with /resume ${host.session.id}.` };
  },
};
