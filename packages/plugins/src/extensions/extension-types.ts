// The entries plugins and the loaders share; kept apart so plugin types and loaders do not import each other.

/** A skill found on disk; its body is read only by `SkillCatalog.load`. */
export interface SkillEntry {
  /** `name` from the frontmatter, else the folder name; plugin skills are `<plugin>:<name>`. */
  name: string;
  /** For plugin skills, the name without the plugin prefix. */
  localName?: string | undefined;
  description: string;
  /** `project`, `user` or `plugin:<name@source>`. */
  source: string;
  /** The `SKILL.md` file. */
  file: string;
  /** The skill folder (scripts and references the skill mentions live here). */
  directory: string;
  /** The plugin folder, for plugin skills (`${CLAUDE_PLUGIN_ROOT}` in the body expands to it). */
  pluginRoot?: string | undefined;
}

/** A custom sub-agent from a markdown file. */
export interface AgentDefinition {
  /** `name` from the frontmatter, else the file name; plugin agents are `<plugin>:<name>`. */
  name: string;
  /** For plugin agents, the name without the plugin prefix. */
  localName?: string | undefined;
  description: string;
  /** Tool names the agent may use; undefined means every tool of the session. */
  tools?: string[] | undefined;
  /** A model name or alias (`sonnet`, `inherit`, …); undefined means the session's model. */
  model?: string | undefined;
  /** The markdown body. */
  systemPrompt: string;
  /** `project`, `user` or `plugin:<name@source>`. */
  source: string;
  file: string;
  /** Every frontmatter key, including the ones axion does not use (`color`, …). */
  attributes: Record<string, unknown>;
}

/** A slash command defined by a markdown file. */
export interface MarkdownCommand {
  /** Without the slash: `review`, `frontend:component`, or for plugins `<plugin>:review`. */
  name: string;
  /** For plugin commands, the name without the plugin prefix. */
  localName?: string | undefined;
  /** Other names the command answers to (a plugin command's local name when no other command has it). */
  aliases: string[];
  description: string;
  argumentHint?: string | undefined;
  allowedTools?: string[] | undefined;
  model?: string | undefined;
  /** The prompt template (`$ARGUMENTS`, `$1`…`$9`). */
  body: string;
  /** `project`, `user` or `plugin:<name@source>`. */
  source: string;
  file: string;
  attributes: Record<string, unknown>;
}
