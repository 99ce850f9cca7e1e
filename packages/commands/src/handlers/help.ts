import { CommandError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";
import { renderCommandHelp, renderHelp } from "../render-help.js";
import { suggestCommands } from "../parse-slash-command.js";

interface HelpSource {
  list(): SlashCommand[];
  get(name: string): SlashCommand | undefined;
  names(): string[];
}

/** `/help [command]`: every command grouped by category, or the details of one. */
export function createHelpCommand(registry: HelpSource): SlashCommand {
  return {
    name: "help",
    category: "Core",
    summary: "Show the commands, or the details of one",
    usage: "[command]",
    argumentCompletions: (args) => registry.names().filter((name) => name.startsWith(args.replace(/^\//, "").toLowerCase())),
    async run(args) {
      const name = args.trim().replace(/^\//, "");
      if (name === "") return { output: renderHelp(registry) };
      const command = registry.get(name);
      if (command === undefined) {
        const suggestions = suggestCommands(name.toLowerCase(), registry.names());
        const hint = suggestions.length === 0 ? "" : ` Did you mean ${suggestions.map((entry) => `/${entry}`).join(", ")}?`;
        throw new CommandError("command_usage", `No command /${name}.${hint} Type /help to see the commands.`);
      }
      return { output: renderCommandHelp(command) };
    },
  };
}
