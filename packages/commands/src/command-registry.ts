import { renderCommand, type MarkdownCommand, type MarkdownCommandSet } from "@axion/plugins";
import { BUILTIN_COMMANDS } from "./builtin-commands.js";
import { CUSTOM_COMMAND_CATEGORY } from "./command-categories.js";
import { CommandError } from "./command-error.js";
import type { CommandHost, CommandResult, SlashCommand } from "./command-host.js";
import { createHelpCommand } from "./handlers/help.js";
import { parseSlashCommand, suggestCommands } from "./parse-slash-command.js";

export interface CommandRegistryOptions {
  /** Commands from markdown files (`loadMarkdownCommands` of @axion/plugins); they render to a prompt turn. */
  markdownCommands?: MarkdownCommandSet | undefined;
  /** Replaces the built-in commands (for embedding a smaller set); `/help` is always added. */
  commands?: readonly SlashCommand[] | undefined;
}

export interface CommandRegistry {
  /** Built-in commands first, then markdown commands. */
  list(): SlashCommand[];
  /** By name or alias, with or without the leading `/`, any case. */
  get(name: string): SlashCommand | undefined;
  /** Every name and alias without the slash. */
  names(): string[];
  /** Parses and runs one line typed by the user. Never throws: failures come back as `error`. */
  execute(input: string, host: CommandHost): Promise<CommandResult>;
  /** Completions for a partly typed line: whole lines such as `/model sonnet`. */
  complete(input: string, host: CommandHost): string[];
  /** Markdown commands left out because a built-in command has the name; one line each. */
  readonly warnings: readonly string[];
}

function markdownSlashCommand(command: MarkdownCommand, aliases: string[]): SlashCommand {
  const slash: SlashCommand = {
    name: command.name,
    aliases,
    category: CUSTOM_COMMAND_CATEGORY,
    summary: `${command.description === "" ? "(no description)" : command.description} [${command.source}]`,
    details: `Defined in ${command.file}.`,
    run: async (args) => ({ runPrompt: renderCommand(command, args), expandFileReferences: true }),
  };
  if (command.argumentHint !== undefined) slash.usage = command.argumentHint;
  return slash;
}

/**
 * The slash commands of a session: the 43 built-ins (plus aliases `/exit`, `/q`, `/scaffold`, `/auth`) and the
 * markdown commands. Unknown names get the closest known ones as suggestions.
 */
export function createCommandRegistry(options: CommandRegistryOptions = {}): CommandRegistry {
  const commands: SlashCommand[] = [];
  const byName = new Map<string, SlashCommand>();
  const warnings: string[] = [];
  const add = (command: SlashCommand): void => {
    commands.push(command);
    byName.set(command.name.toLowerCase(), command);
    for (const alias of command.aliases ?? []) byName.set(alias.toLowerCase(), command);
  };

  const registry: CommandRegistry = {
    list: () => [...commands],
    get(name) {
      return byName.get(name.replace(/^\//, "").toLowerCase());
    },
    names: () => [...byName.keys()],
    async execute(input, host) {
      const parsed = parseSlashCommand(input);
      if (parsed === undefined) return { error: `Not a slash command: ${input.trim()}` };
      const command = byName.get(parsed.name);
      if (command === undefined) return { error: unknownCommandMessage(parsed.name, [...byName.keys()]) };
      try {
        return await command.run(parsed.args, host);
      } catch (error) {
        return { error: errorLine(command.name, error) };
      }
    },
    complete(input, host) {
      const trimmed = input.replace(/^\s+/, "");
      if (!trimmed.startsWith("/")) return [];
      const space = trimmed.search(/\s/);
      if (space === -1) {
        const prefix = trimmed.slice(1).toLowerCase();
        return [...byName.keys()]
          .filter((name) => name.startsWith(prefix))
          .sort()
          .map((name) => `/${name}`);
      }
      const name = trimmed.slice(1, space).toLowerCase();
      const command = byName.get(name);
      if (command?.argumentCompletions === undefined) return [];
      const args = trimmed.slice(space).replace(/^\s+/, "");
      try {
        return command.argumentCompletions(args, host).map((completion) => `/${name} ${completion}`);
      } catch {
        return [];
      }
    },
    warnings,
  };

  add(createHelpCommand(registry));
  for (const command of options.commands ?? BUILTIN_COMMANDS) {
    if (command.name !== "help") add(command);
  }
  for (const markdown of options.markdownCommands?.list() ?? []) {
    if (byName.has(markdown.name.toLowerCase())) {
      warnings.push(`${markdown.file}: /${markdown.name} is left out because a built-in command has that name`);
      continue;
    }
    const aliases = markdown.aliases.filter((alias) => !byName.has(alias.toLowerCase()));
    add(markdownSlashCommand(markdown, aliases));
  }
  return registry;
}

function unknownCommandMessage(name: string, known: readonly string[]): string {
  const suggestions = suggestCommands(name, known);
  if (suggestions.length === 0) return `Unknown command: /${name}. Type /help to see the commands.`;
  return `Unknown command: /${name}. Did you mean ${suggestions.map((suggestion) => `/${suggestion}`).join(", ")}?`;
}

function errorLine(name: string, error: unknown): string {
  if (CommandError.isInstance(error)) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `/${name}: ${message.split("\n")[0] ?? message}`;
}
