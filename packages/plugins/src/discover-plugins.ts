import { existsSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { loadPlugin } from "./load-plugin.js";
import { PluginError } from "./plugin-error.js";
import type { LoadedPlugin, PluginSource } from "./plugin-types.js";

/** The settings keys plugin discovery reads. */
export interface PluginSettings {
  /** `"<name>@<source>": true|false`; a plugin not listed follows its manifest's `defaultEnabled`. */
  enabledPlugins?: Readonly<Record<string, boolean>> | undefined;
  plugins?: {
    /** Folders that each HOLD plugin folders (source `external`); relative paths are taken from `cwd`. */
    externalDirectories?: readonly string[] | undefined;
  } | undefined;
}

export interface DiscoverPluginsOptions {
  cwd: string;
  configHome: string;
  settings?: PluginSettings | undefined;
  /** Expands a leading `~` in external directories; defaults to the OS home. */
  homeDir?: string | undefined;
}

export interface DiscoveredPlugins {
  /** Every plugin that loaded, enabled or not, in discovery order. */
  plugins: LoadedPlugin[];
  /** Plugins that did not load, and parts of loaded plugins that were left out; one line each. */
  errors: PluginError[];
}

/** Where installed plugins live: `<configHome>/plugins`. */
export function installedPluginsDirectory(configHome: string): string {
  return join(configHome, "plugins");
}

/**
 * Finds plugins in `<configHome>/plugins/*` (source `installed`), `<cwd>/.axion/plugins/*` (source `project`) and
 * each `plugins.externalDirectories` entry's subfolders (source `external`). A broken plugin is reported in
 * `errors` and the others still load. When two enabled plugins declare a tool of the same name, the one found
 * first keeps it and the other's is reported.
 */
export function discoverPlugins(options: DiscoverPluginsOptions): DiscoveredPlugins {
  const plugins: LoadedPlugin[] = [];
  const errors: PluginError[] = [];
  const enabledPlugins = options.settings?.enabledPlugins;
  const scan = (directory: string, source: PluginSource): void => {
    for (const folder of pluginFolders(directory)) {
      const result = loadPlugin(folder, source, { enabledPlugins });
      if (result.plugin !== undefined) plugins.push(result.plugin);
      errors.push(...result.errors);
    }
  };
  scan(installedPluginsDirectory(options.configHome), "installed");
  scan(join(options.cwd, ".axion", "plugins"), "project");
  const home = options.homeDir ?? homedir();
  for (const [index, entry] of (options.settings?.plugins?.externalDirectories ?? []).entries()) {
    const directory = resolve(options.cwd, entry.replace(/^~(?=$|[\\/])/, home));
    if (!existsSync(directory) || !statSync(directory).isDirectory()) {
      errors.push(
        new PluginError("plugin_not_found", `directory not found: ${directory}`, { field: `plugins.externalDirectories[${index}]` }),
      );
      continue;
    }
    scan(directory, "external");
  }
  errors.push(...removeToolConflicts(plugins));
  return { plugins, errors };
}

/** The non-hidden subfolders of `directory`, sorted; none when it does not exist. */
function pluginFolders(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith("."))
    .map((entry) => join(directory, entry.name))
    .filter((path) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true)
    .sort();
}

function removeToolConflicts(plugins: LoadedPlugin[]): PluginError[] {
  const errors: PluginError[] = [];
  const owners = new Map<string, string>();
  for (const plugin of plugins) {
    if (!plugin.enabled) continue;
    plugin.tools = plugin.tools.filter((tool) => {
      const owner = owners.get(tool.name);
      if (owner === undefined) {
        owners.set(tool.name, plugin.id);
        return true;
      }
      const index = plugin.manifest.tools.findIndex((declared) => declared.name === tool.name);
      errors.push(
        new PluginError("plugin_tool_conflict", `tool "${tool.name}" is already provided by plugin ${owner}; this one is not loaded`, {
          pluginName: plugin.name,
          source: plugin.source,
          file: plugin.manifestPath,
          field: `tools[${index}].name`,
        }),
      );
      return false;
    });
  }
  return errors;
}
