import type { AgentDefinition, MarkdownCommand, SkillEntry } from "./extensions/extension-types.js";
import type { PluginHooksConfig } from "./manifest/plugin-hooks.js";
import type { PluginMcpServers } from "./manifest/plugin-mcp-servers.js";
import type { PluginManifest, PluginToolPermission } from "./manifest/plugin-manifest.js";

/** Where a plugin was found: `<configHome>/plugins`, `<cwd>/.axion/plugins`, or a `plugins.externalDirectories` entry. */
export type PluginSource = "installed" | "project" | "external";

/** A tool a plugin runs as a child process. */
export interface PluginTool {
  name: string;
  description: string;
  /** JSON Schema of the input, as the manifest declares it. */
  inputSchema: Record<string, unknown>;
  /** The absolute path of the program, or a bare name looked up on PATH. */
  command: string;
  args: string[];
  requiredPermission: PluginToolPermission;
  timeoutMs?: number | undefined;
}

export interface LoadedPlugin {
  /** `<name>@<source>`, the key of `enabledPlugins`. */
  id: string;
  name: string;
  source: PluginSource;
  /** The plugin folder (absolute). */
  root: string;
  manifestPath: string;
  /** The validated manifest, unknown fields included. */
  manifest: PluginManifest;
  enabled: boolean;
  tools: PluginTool[];
  /** Claude Code hooks from the manifest and `hooks/hooks.json`, plugin root variables expanded. */
  hooks: PluginHooksConfig;
  /** MCP servers from the manifest and `.mcp.json`, plugin root variables expanded. */
  mcpServers: PluginMcpServers;
  commands: MarkdownCommand[];
  agents: AgentDefinition[];
  skills: SkillEntry[];
  /** Shell commands run by `runPluginLifecycle`. */
  lifecycle: { init: string[]; shutdown: string[] };
}
