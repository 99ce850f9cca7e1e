export { findPluginManifest, MANIFEST_CANDIDATES, pluginId } from "./manifest-location.js";
export type { PluginErrorCode, PluginErrorDetails } from "./plugin-error.js";
export { PluginError } from "./plugin-error.js";
export type { ManifestParseResult, PluginManifest, PluginToolManifest, PluginToolPermission } from "./manifest/plugin-manifest.js";
export { parsePluginManifest, PLUGIN_TOOL_PERMISSIONS, pluginManifestSchema } from "./manifest/plugin-manifest.js";
export type { PluginHookCommand, PluginHookMatcherGroup, PluginHooksConfig } from "./manifest/plugin-hooks.js";
export type { PluginMcpServers } from "./manifest/plugin-mcp-servers.js";
export { expandPluginRoot, expandPluginRootDeep } from "./expand-plugin-root.js";
export type { LoadedPlugin, PluginSource, PluginTool } from "./plugin-types.js";
export type { LoadPluginOptions, LoadPluginResult } from "./load-plugin.js";
export { loadPlugin } from "./load-plugin.js";
export type { DiscoveredPlugins, DiscoverPluginsOptions, PluginSettings } from "./discover-plugins.js";
export { discoverPlugins, installedPluginsDirectory } from "./discover-plugins.js";
export type { InstalledPluginRecord, PluginChange, PluginManagerOptions } from "./plugin-manager.js";
export { PluginManager } from "./plugin-manager.js";
export type { PluginToolResult, RunPluginToolOptions } from "./run-plugin-tool.js";
export { DEFAULT_PLUGIN_TOOL_TIMEOUT_MS, runPluginTool } from "./run-plugin-tool.js";
export type {
  LifecycleCommandResult,
  PluginLifecyclePhase,
  PluginLifecycleResult,
  RunPluginLifecycleOptions,
} from "./run-plugin-lifecycle.js";
export { runPluginLifecycle } from "./run-plugin-lifecycle.js";
export { pluginEnvironment } from "./plugin-environment.js";
export type { ExtensionErrorCode } from "./extensions/extension-error.js";
export { ExtensionError } from "./extensions/extension-error.js";
export type { Frontmatter } from "./extensions/frontmatter.js";
export { parseFrontmatter } from "./extensions/frontmatter.js";
export type { ExtensionSearchOptions } from "./extensions/extension-sources.js";
export type { AgentDefinition, MarkdownCommand, SkillEntry } from "./extensions/extension-types.js";
export type { SkillCatalog, SkillSummary } from "./extensions/load-skills.js";
export { createSkillCatalog, loadSkills, readSkills } from "./extensions/load-skills.js";
export type { AgentCatalog } from "./extensions/load-agents.js";
export { createAgentCatalog, loadAgents, readAgents } from "./extensions/load-agents.js";
export type { MarkdownCommandSet } from "./extensions/load-markdown-commands.js";
export {
  createMarkdownCommandSet,
  loadMarkdownCommands,
  readMarkdownCommands,
  renderCommand,
  splitArguments,
} from "./extensions/load-markdown-commands.js";
