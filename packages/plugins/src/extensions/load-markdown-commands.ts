import { readFileSync } from "node:fs";
import { expandPluginRoot } from "../expand-plugin-root.js";
import type { ExtensionError } from "./extension-error.js";
import type { MarkdownCommand } from "./extension-types.js";
import type { ExtensionSearchOptions } from "./extension-sources.js";
import { enabledPlugins, extensionDirectories } from "./extension-sources.js";
import { firstLineOf, listAttribute, stringAttribute } from "./frontmatter-attributes.js";
import { parseFrontmatter } from "./frontmatter.js";
import { asExtensionError } from "./load-skills.js";
import { colonNameOf, listMarkdownFiles } from "./markdown-files.js";
import { NameIndex } from "./name-index.js";

export interface MarkdownCommandSet {
  /** Each command once, in precedence order, with its aliases filled in. */
  list(): MarkdownCommand[];
  /** By name or alias, with or without the leading `/`. */
  find(name: string): MarkdownCommand | undefined;
  readonly errors: readonly ExtensionError[];
}

export interface CommandReadOptions {
  source: string;
  pluginName?: string | undefined;
  pluginRoot?: string | undefined;
}

/** Reads every `.md` file under `path` (a folder or one file); subfolders give `dir:name`. */
export function readMarkdownCommands(path: string, options: CommandReadOptions): { commands: MarkdownCommand[]; errors: ExtensionError[] } {
  const commands: MarkdownCommand[] = [];
  const errors: ExtensionError[] = [];
  for (const { file, relativePath } of listMarkdownFiles(path)) {
    try {
      const { attributes, body } = parseFrontmatter(readFileSync(file, "utf8"), file);
      const localName = colonNameOf(relativePath);
      const argumentHint = argumentHintOf(attributes, file);
      const allowedTools = listAttribute(attributes, "allowed-tools", file);
      const model = stringAttribute(attributes, "model", file);
      const command: MarkdownCommand = {
        name: options.pluginName === undefined ? localName : `${options.pluginName}:${localName}`,
        aliases: [],
        description: stringAttribute(attributes, "description", file) ?? firstLineOf(body),
        body: options.pluginRoot === undefined ? body : expandPluginRoot(body, options.pluginRoot),
        source: options.source,
        file,
        attributes,
      };
      if (options.pluginName !== undefined) command.localName = localName;
      if (argumentHint !== undefined) command.argumentHint = argumentHint;
      if (allowedTools !== undefined) command.allowedTools = allowedTools;
      if (model !== undefined && model !== "") command.model = model;
      commands.push(command);
    } catch (error) {
      errors.push(asExtensionError(error, file));
    }
  }
  return { commands, errors };
}

/** `argument-hint: [pr-number]` parses as a YAML list; it is shown as written. */
function argumentHintOf(attributes: Record<string, unknown>, file: string): string | undefined {
  const value = attributes["argument-hint"];
  if (Array.isArray(value)) return value.map((item) => `[${String(item)}]`).join(" ");
  return stringAttribute(attributes, "argument-hint", file);
}

/**
 * Finds markdown commands in `<cwd>/.axion/commands`, `<cwd>/.claude/commands`, `<configHome>/commands`,
 * `~/.claude/commands` and the `commands/` of enabled plugins, in that order of precedence. Plugin commands are
 * `/<plugin>:<command>`, and also `/<command>` when no other command has that name.
 */
export function loadMarkdownCommands(options: ExtensionSearchOptions): MarkdownCommandSet {
  const entries: MarkdownCommand[] = [];
  const errors: ExtensionError[] = [];
  for (const directory of extensionDirectories("commands", options)) {
    const result = readMarkdownCommands(directory.path, { source: directory.source });
    entries.push(...result.commands);
    errors.push(...result.errors);
  }
  for (const plugin of enabledPlugins(options)) entries.push(...plugin.commands);
  return createMarkdownCommandSet(entries, errors);
}

/** A command set over commands given in precedence order. */
export function createMarkdownCommandSet(entries: readonly MarkdownCommand[], errors: readonly ExtensionError[] = []): MarkdownCommandSet {
  const index = new NameIndex(entries);
  const commands = index.entries.map((entry) => ({ ...entry, aliases: index.aliasesOf(entry) }));
  const byOriginal = new Map(index.entries.map((entry, position) => [entry, commands[position]!]));
  return {
    errors,
    list: () => [...commands],
    find(name) {
      const entry = index.get(name);
      return entry === undefined ? undefined : byOriginal.get(entry);
    },
  };
}

/**
 * The prompt of `command` for `args`: `$ARGUMENTS` becomes the whole argument text, `$1`…`$9` the positional
 * arguments (quotes group words; a missing one becomes empty). When the template uses neither and arguments were
 * given, they are appended as `ARGUMENTS: …`.
 */
export function renderCommand(command: Pick<MarkdownCommand, "body">, args: string): string {
  const trimmed = args.trim();
  const positional = splitArguments(trimmed);
  let used = false;
  const rendered = command.body
    .replace(/\$ARGUMENTS\b/g, () => {
      used = true;
      return trimmed;
    })
    .replace(/\$([1-9])(?!\d)/g, (_match, digit: string) => {
      used = true;
      return positional[Number(digit) - 1] ?? "";
    });
  if (!used && trimmed !== "") return `${rendered.replace(/\s+$/, "")}\n\nARGUMENTS: ${trimmed}`;
  return rendered;
}

/** Splits on whitespace; single or double quotes keep words together and are removed. */
export function splitArguments(text: string): string[] {
  const parts: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    parts.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : (match[2] ?? match[3] ?? ""));
  }
  return parts;
}

