import { existsSync, readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { expandPluginRoot } from "../expand-plugin-root.js";
import { ExtensionError } from "./extension-error.js";
import type { SkillEntry } from "./extension-types.js";
import type { ExtensionSearchOptions } from "./extension-sources.js";
import { enabledPlugins, extensionDirectories } from "./extension-sources.js";
import { firstLineOf, stringAttribute } from "./frontmatter-attributes.js";
import { parseFrontmatter, readFrontmatterHead } from "./frontmatter.js";
import { NameIndex } from "./name-index.js";

export interface SkillSummary {
  name: string;
  description: string;
  source: string;
}

/** The skills of a session. */
export interface SkillCatalog {
  list(): SkillSummary[];
  /** The entry for a full name, a plugin skill's local name (when unique) or a skill folder name. */
  get(name: string): SkillEntry | undefined;
  /** The `SKILL.md` body without frontmatter, read now; undefined for an unknown name. */
  load(name: string): Promise<string | undefined>;
  /** Skill files that could not be read; the other skills still load. */
  readonly errors: readonly ExtensionError[];
}

export interface SkillReadOptions {
  source: string;
  /** Plugin skills are named `<pluginName>:<name>`. */
  pluginName?: string | undefined;
  pluginRoot?: string | undefined;
}

/**
 * Reads the skills of one folder: each subfolder holding a `SKILL.md` is a skill, and `path` itself is one when
 * it holds a `SKILL.md`. A subfolder without `SKILL.md` is reported.
 */
export function readSkills(path: string, options: SkillReadOptions): { skills: SkillEntry[]; errors: ExtensionError[] } {
  const skills: SkillEntry[] = [];
  const errors: ExtensionError[] = [];
  if (!existsSync(path) || !statSync(path).isDirectory()) return { skills, errors };
  const folders = existsSync(join(path, "SKILL.md"))
    ? [path]
    : readdirSync(path, { withFileTypes: true })
        .filter((entry) => !entry.name.startsWith(".") && (entry.isDirectory() || entry.isSymbolicLink()))
        .map((entry) => join(path, entry.name))
        .filter((folder) => statSync(folder, { throwIfNoEntry: false })?.isDirectory() === true)
        .sort();
  for (const folder of folders) {
    const file = join(folder, "SKILL.md");
    if (!existsSync(file)) {
      errors.push(new ExtensionError("extension_invalid", folder, "skill folder has no SKILL.md"));
      continue;
    }
    try {
      const { attributes, body } = parseFrontmatter(readFrontmatterHead(file), file);
      const localName = stringAttribute(attributes, "name", file) || basename(folder);
      const description = stringAttribute(attributes, "description", file) ?? firstLineOf(body);
      const entry: SkillEntry = {
        name: options.pluginName === undefined ? localName : `${options.pluginName}:${localName}`,
        description,
        source: options.source,
        file,
        directory: folder,
      };
      if (options.pluginName !== undefined) entry.localName = localName;
      if (options.pluginRoot !== undefined) entry.pluginRoot = options.pluginRoot;
      skills.push(entry);
    } catch (error) {
      errors.push(asExtensionError(error, file));
    }
  }
  return { skills, errors };
}

/**
 * Finds the skills in `<cwd>/.axion/skills`, `<cwd>/.claude/skills`, `<configHome>/skills`, `~/.claude/skills` and
 * the `skills/` of enabled plugins, in that order of precedence (a name found earlier wins).
 */
export function loadSkills(options: ExtensionSearchOptions): SkillCatalog {
  const entries: SkillEntry[] = [];
  const errors: ExtensionError[] = [];
  for (const directory of extensionDirectories("skills", options)) {
    const result = readSkills(directory.path, { source: directory.source });
    entries.push(...result.skills);
    errors.push(...result.errors);
  }
  for (const plugin of enabledPlugins(options)) entries.push(...plugin.skills);
  return createSkillCatalog(entries, errors);
}

/** A catalog over skill entries given in precedence order. */
export function createSkillCatalog(entries: readonly SkillEntry[], errors: readonly ExtensionError[] = []): SkillCatalog {
  const index = new NameIndex(entries);
  const byFolder = new Map<string, SkillEntry>();
  for (const entry of index.entries) if (!byFolder.has(basename(entry.directory))) byFolder.set(basename(entry.directory), entry);
  const get = (name: string): SkillEntry | undefined => index.get(name) ?? byFolder.get(name);
  return {
    errors,
    list: () => index.entries.map((entry) => ({ name: entry.name, description: entry.description, source: entry.source })),
    get,
    async load(name) {
      const entry = get(name);
      if (entry === undefined) return undefined;
      const { body } = parseFrontmatter(await readFile(entry.file, "utf8"), entry.file);
      return entry.pluginRoot === undefined ? body : expandPluginRoot(body, entry.pluginRoot);
    },
  };
}

export function asExtensionError(error: unknown, file: string): ExtensionError {
  if (ExtensionError.isInstance(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ExtensionError("extension_unreadable", file, `cannot read: ${reason}`);
}

