import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { expandPluginRoot } from "../expand-plugin-root.js";
import type { ExtensionError } from "./extension-error.js";
import type { AgentDefinition } from "./extension-types.js";
import type { ExtensionSearchOptions } from "./extension-sources.js";
import { enabledPlugins, extensionDirectories } from "./extension-sources.js";
import { firstLineOf, listAttribute, stringAttribute } from "./frontmatter-attributes.js";
import { parseFrontmatter } from "./frontmatter.js";
import { asExtensionError } from "./load-skills.js";
import { listMarkdownFiles } from "./markdown-files.js";
import { NameIndex } from "./name-index.js";

export interface AgentCatalog {
  list(): AgentDefinition[];
  /** By full name, or a plugin agent's local name when no other agent has it. */
  get(name: string): AgentDefinition | undefined;
  readonly errors: readonly ExtensionError[];
}

export interface AgentReadOptions {
  source: string;
  pluginName?: string | undefined;
  pluginRoot?: string | undefined;
}

/** Reads every `.md` file under `path` (a folder or one file) as an agent. */
export function readAgents(path: string, options: AgentReadOptions): { agents: AgentDefinition[]; errors: ExtensionError[] } {
  const agents: AgentDefinition[] = [];
  const errors: ExtensionError[] = [];
  for (const { file } of listMarkdownFiles(path)) {
    try {
      const { attributes, body } = parseFrontmatter(readFileSync(file, "utf8"), file);
      const localName = stringAttribute(attributes, "name", file) || basename(file, ".md");
      const model = stringAttribute(attributes, "model", file);
      const tools = listAttribute(attributes, "tools", file);
      const systemPrompt = options.pluginRoot === undefined ? body.trim() : expandPluginRoot(body.trim(), options.pluginRoot);
      const agent: AgentDefinition = {
        name: options.pluginName === undefined ? localName : `${options.pluginName}:${localName}`,
        description: stringAttribute(attributes, "description", file) ?? firstLineOf(body),
        systemPrompt,
        source: options.source,
        file,
        attributes,
      };
      if (options.pluginName !== undefined) agent.localName = localName;
      if (tools !== undefined && !(tools.length === 1 && tools[0] === "*")) agent.tools = tools;
      if (model !== undefined && model !== "") agent.model = model;
      agents.push(agent);
    } catch (error) {
      errors.push(asExtensionError(error, file));
    }
  }
  return { agents, errors };
}

/**
 * Finds custom agents in `<cwd>/.axion/agents`, `<cwd>/.claude/agents`, `<configHome>/agents`, `~/.claude/agents`
 * and the `agents/` of enabled plugins, in that order of precedence.
 */
export function loadAgents(options: ExtensionSearchOptions): AgentCatalog {
  const entries: AgentDefinition[] = [];
  const errors: ExtensionError[] = [];
  for (const directory of extensionDirectories("agents", options)) {
    const result = readAgents(directory.path, { source: directory.source });
    entries.push(...result.agents);
    errors.push(...result.errors);
  }
  for (const plugin of enabledPlugins(options)) entries.push(...plugin.agents);
  return createAgentCatalog(entries, errors);
}

/** A catalog over agents given in precedence order. */
export function createAgentCatalog(entries: readonly AgentDefinition[], errors: readonly ExtensionError[] = []): AgentCatalog {
  const index = new NameIndex(entries);
  return { errors, list: () => [...index.entries], get: (name) => index.get(name) };
}

