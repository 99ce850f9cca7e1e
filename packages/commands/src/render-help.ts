import { COMMAND_CATEGORIES, CUSTOM_COMMAND_CATEGORY } from "./command-categories.js";
import type { SlashCommand } from "./command-host.js";
import { formatTable } from "./text/format-text.js";

/** The `/name usage` part of a help line. */
export function commandSignature(command: Pick<SlashCommand, "name" | "usage">): string {
  return command.usage === undefined || command.usage === "" ? `/${command.name}` : `/${command.name} ${command.usage}`;
}

function summaryWithAliases(command: SlashCommand): string {
  const aliases = command.aliases ?? [];
  return aliases.length === 0 ? command.summary : `${command.summary} (also ${aliases.map((alias) => `/${alias}`).join(", ")})`;
}

/** Every command, grouped by category in the order of `COMMAND_CATEGORIES`, as plain text. */
export function renderHelp(registry: { list(): readonly SlashCommand[] }): string {
  const commands = registry.list();
  const known: readonly string[] = COMMAND_CATEGORIES;
  const extra = [...new Set(commands.map((command) => command.category))].filter(
    (category) => !known.includes(category) && category !== CUSTOM_COMMAND_CATEGORY,
  );
  const order = [...known, ...extra, CUSTOM_COMMAND_CATEGORY];
  const rows: string[][] = [];
  const headings = new Map<number, string>();
  for (const category of order) {
    const members = commands.filter((command) => command.category === category);
    if (members.length === 0) continue;
    headings.set(rows.length, category);
    for (const command of members) rows.push([commandSignature(command), summaryWithAliases(command)]);
  }
  const lines = formatTable(rows, "  ").split("\n");
  const output: string[] = ["Slash commands (type /help <command> for details):"];
  lines.forEach((line, index) => {
    const heading = headings.get(index);
    if (heading !== undefined) output.push("", `${heading}:`);
    output.push(line);
  });
  return output.join("\n");
}

/** The details of one command for `/help <name>`. */
export function renderCommandHelp(command: SlashCommand): string {
  const lines = [`Usage: ${commandSignature(command)}`, "", command.summary];
  if (command.details !== undefined && command.details !== "") lines.push("", command.details);
  const aliases = command.aliases ?? [];
  if (aliases.length > 0) lines.push("", `Aliases: ${aliases.map((alias) => `/${alias}`).join(", ")}`);
  lines.push(`Category: ${command.category}`);
  return lines.join("\n");
}
