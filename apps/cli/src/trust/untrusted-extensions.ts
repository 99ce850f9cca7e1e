import { relative } from "node:path";
import { loadProjectMcpJson, PROJECT_MCP_FILE } from "@axion/mcp";
import { discoverPlugins, type LoadedPlugin } from "@axion/plugins";
import type { LoadedConfig, UntrustedItem } from "@axion/runtime";

export interface UntrustedExtensionsOptions {
  cwd: string;
  configHome: string;
  home: string;
  /** The config loaded with `trusted: false`. */
  config: LoadedConfig;
  /** The plugins discovery found (for the project ones); discovered again when left out. */
  plugins?: readonly LoadedPlugin[] | undefined;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;

/** A project plugin's parts that would run, one line each. */
function pluginDetails(plugin: LoadedPlugin, shown: string): string[] {
  const details: string[] = [];
  for (const command of plugin.lifecycle.init) details.push(`plugin ${plugin.name} init: ${command} (${shown})`);
  for (const command of plugin.lifecycle.shutdown) details.push(`plugin ${plugin.name} shutdown: ${command} (${shown})`);
  for (const [event, groups] of Object.entries(plugin.hooks)) {
    for (const group of groups) for (const hook of group.hooks) details.push(`plugin ${plugin.name} ${event} hook: ${hook.command ?? hook.type} (${shown})`);
  }
  for (const tool of plugin.tools) details.push(`plugin ${plugin.name} tool ${tool.name} (${shown})`);
  for (const [name, server] of Object.entries(plugin.mcpServers)) {
    const config = server as { command?: unknown; args?: unknown; url?: unknown };
    const command = typeof config.command === "string" ? [config.command, ...(Array.isArray(config.args) ? config.args.map(String) : [])].join(" ") : String(config.url ?? "");
    details.push(`plugin ${plugin.name} MCP server "${name}": ${command} (${shown})`);
  }
  return details;
}

/**
 * Everything an untrusted folder carries that was not loaded: what its settings files held (from
 * `config.untrusted`), the servers of its `.mcp.json`, and the plugins under `.axion/plugins`.
 */
export async function untrustedExtensions(options: UntrustedExtensionsOptions): Promise<UntrustedItem[]> {
  const items: UntrustedItem[] = [...(options.config.untrusted?.items ?? [])];
  try {
    const project = await loadProjectMcpJson(options.cwd);
    const servers = project !== undefined && typeof project.servers === "object" && project.servers !== null ? Object.entries(project.servers as Record<string, unknown>) : [];
    if (servers.length > 0) {
      items.push({
        kind: "mcpServers",
        source: PROJECT_MCP_FILE,
        summary: `${servers.length === 1 ? "MCP server" : `${plural(servers.length, "MCP server")}`} ${servers.map(([name]) => `"${name}"`).join(", ")} (${PROJECT_MCP_FILE})`,
        details: servers.map(([name, server]) => {
          const config = (server ?? {}) as { command?: unknown; args?: unknown; url?: unknown };
          const command = typeof config.command === "string" ? [config.command, ...(Array.isArray(config.args) ? config.args.map(String) : [])].join(" ") : String(config.url ?? "");
          return `MCP server "${name}": ${command} (${PROJECT_MCP_FILE})`;
        }),
        runsOrGrants: true,
      });
    }
  } catch {
    items.push({ kind: "mcpServers", source: PROJECT_MCP_FILE, summary: `MCP servers (${PROJECT_MCP_FILE})`, details: [`MCP servers (${PROJECT_MCP_FILE}, not readable)`], runsOrGrants: true });
  }
  const plugins = options.plugins ?? discoverPlugins({ cwd: options.cwd, configHome: options.configHome, settings: options.config.merged, homeDir: options.home }).plugins;
  for (const plugin of plugins) {
    if (plugin.source !== "project") continue;
    const shown = relative(options.cwd, plugin.root) || plugin.root;
    items.push({ kind: "plugins", source: shown, summary: `plugin "${plugin.name}" (${shown})`, details: [`plugin ${plugin.name} (${shown})`, ...pluginDetails(plugin, shown)], runsOrGrants: true });
  }
  return items;
}
