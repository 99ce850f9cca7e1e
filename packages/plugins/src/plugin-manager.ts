import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { copyDirectory } from "./copy-directory.js";
import type { DiscoveredPlugins, PluginSettings } from "./discover-plugins.js";
import { discoverPlugins, installedPluginsDirectory } from "./discover-plugins.js";
import { loadPlugin } from "./load-plugin.js";
import { pluginId } from "./manifest-location.js";
import { PluginError } from "./plugin-error.js";
import type { LoadedPlugin } from "./plugin-types.js";
import { enabledPluginsOf, readJsonObjectFile, updateEnabledPlugin, writeJsonFile } from "./settings-file.js";

/** What `<configHome>/plugins/installed.json` keeps about one installed plugin. */
export interface InstalledPluginRecord {
  name: string;
  /** The folder the plugin was copied from; `update` copies it again. */
  sourcePath: string;
  version?: string | undefined;
  installedAt: string;
  updatedAt: string;
}

export interface PluginManagerOptions {
  configHome: string;
  /** The workspace, for project plugins when checking ids; defaults to the process cwd. */
  cwd?: string | undefined;
  /** Merged settings; `plugins.externalDirectories` and `enabledPlugins` from here are honoured too. */
  settings?: PluginSettings | undefined;
  homeDir?: string | undefined;
  now?: () => Date;
}

export interface PluginChange {
  plugin: LoadedPlugin;
  /** Commands, agents or skills of the plugin that could not be read. */
  warnings: PluginError[];
}

/**
 * Installs plugins from local folders into `<configHome>/plugins/<name>`, and enables, disables, uninstalls and
 * updates them. Enable state is written to `enabledPlugins` in `<configHome>/settings.json` (the rest of that file
 * is kept); install sources are recorded in `<configHome>/plugins/installed.json`.
 */
export class PluginManager {
  readonly configHome: string;
  readonly pluginsDirectory: string;
  readonly settingsPath: string;
  readonly installedIndexPath: string;
  private readonly options: PluginManagerOptions;

  constructor(options: PluginManagerOptions) {
    this.options = options;
    this.configHome = resolve(options.configHome);
    this.pluginsDirectory = installedPluginsDirectory(this.configHome);
    this.settingsPath = join(this.configHome, "settings.json");
    this.installedIndexPath = join(this.pluginsDirectory, "installed.json");
  }

  /** Every plugin axion would load now, with the enable state of the settings file. */
  list(): DiscoveredPlugins {
    const fileSettings = readJsonObjectFile(this.settingsPath);
    const fileExternal = (fileSettings["plugins"] as { externalDirectories?: unknown } | undefined)?.externalDirectories;
    const externalDirectories = [
      ...(this.options.settings?.plugins?.externalDirectories ?? []),
      ...(Array.isArray(fileExternal) ? fileExternal.filter((entry): entry is string => typeof entry === "string") : []),
    ];
    return discoverPlugins({
      cwd: this.options.cwd ?? process.cwd(),
      configHome: this.configHome,
      homeDir: this.options.homeDir,
      settings: {
        enabledPlugins: { ...this.options.settings?.enabledPlugins, ...enabledPluginsOf(fileSettings) },
        plugins: { externalDirectories: [...new Set(externalDirectories)] },
      },
    });
  }

  /** The records of `installed.json`. */
  installed(): InstalledPluginRecord[] {
    return Object.values(this.readIndex());
  }

  /** Copies the plugin folder `sourcePath` into `<configHome>/plugins/<name>` and records where it came from. */
  install(sourcePath: string): PluginChange {
    const source = resolve(this.options.cwd ?? process.cwd(), sourcePath);
    const checked = this.checkSource(source);
    const name = checked.plugin.name;
    const target = join(this.pluginsDirectory, name);
    if (existsSync(target)) {
      throw new PluginError("plugin_already_installed", `already installed in ${target}; use update to copy it again`, {
        pluginName: name,
        source: "installed",
      });
    }
    this.copyInto(source, target);
    const now = this.now();
    this.writeRecord({ name, sourcePath: source, version: checked.plugin.manifest.version, installedAt: now, updatedAt: now });
    return this.loadInstalled(name);
  }

  /** Copies the plugin again from the source recorded at install time. */
  update(idOrName: string): PluginChange {
    const name = this.installedName(idOrName);
    const record = this.readIndex()[name];
    if (record === undefined) {
      throw new PluginError("plugin_not_found", `no install source recorded in ${this.installedIndexPath}`, { pluginName: name, source: "installed" });
    }
    const checked = this.checkSource(record.sourcePath);
    if (checked.plugin.name !== name) {
      throw new PluginError("plugin_install_failed", `the source now declares plugin "${checked.plugin.name}"`, {
        pluginName: name,
        source: "installed",
        file: checked.plugin.manifestPath,
        field: "name",
      });
    }
    const target = join(this.pluginsDirectory, name);
    const previous = join(this.pluginsDirectory, `.previous-${name}-${process.pid}`);
    if (existsSync(target)) renameSync(target, previous);
    try {
      this.copyInto(record.sourcePath, target);
    } catch (error) {
      if (existsSync(previous)) renameSync(previous, target);
      throw error;
    }
    rmSync(previous, { recursive: true, force: true });
    this.writeRecord({ ...record, version: checked.plugin.manifest.version, updatedAt: this.now() });
    return this.loadInstalled(name);
  }

  /** Removes the installed plugin's folder, its record and its `enabledPlugins` entry. */
  uninstall(idOrName: string): void {
    const name = this.installedName(idOrName);
    const target = join(this.pluginsDirectory, name);
    rmSync(target, { recursive: true, force: true });
    const index = this.readIndex();
    if (name in index) {
      delete index[name];
      writeJsonFile(this.installedIndexPath, { plugins: index });
    }
    updateEnabledPlugin(this.settingsPath, pluginId(name, "installed"), undefined);
  }

  /** Writes `enabledPlugins["<name>@<source>"] = true`; returns the id written. */
  enable(idOrName: string): string {
    return this.setEnabled(idOrName, true);
  }

  /** Writes `enabledPlugins["<name>@<source>"] = false`; returns the id written. */
  disable(idOrName: string): string {
    return this.setEnabled(idOrName, false);
  }

  private setEnabled(idOrName: string, enabled: boolean): string {
    const id = this.resolveId(idOrName);
    updateEnabledPlugin(this.settingsPath, id, enabled);
    return id;
  }

  /** A known plugin id for `name@source` or a bare name that only one plugin has. */
  private resolveId(idOrName: string): string {
    const { plugins } = this.list();
    const known = plugins.map((plugin) => plugin.id);
    if (idOrName.includes("@")) {
      if (known.includes(idOrName)) return idOrName;
    } else {
      const matches = plugins.filter((plugin) => plugin.name === idOrName);
      if (matches.length === 1) return matches[0]!.id;
      if (matches.length > 1) {
        throw new PluginError("plugin_not_found", `several plugins are named so (${matches.map((plugin) => plugin.id).join(", ")}); give the full id`, {
          pluginName: idOrName,
        });
      }
    }
    const list = known.length === 0 ? "none are installed" : `known plugins: ${known.join(", ")}`;
    throw new PluginError("plugin_not_found", `no such plugin; ${list}`, { pluginName: idOrName });
  }

  private installedName(idOrName: string): string {
    const [name, source] = idOrName.split("@");
    if (source !== undefined && source !== "installed") {
      throw new PluginError("plugin_not_found", `only installed plugins (<name>@installed) can be changed this way, not ${source} ones`, {
        pluginName: name,
      });
    }
    if (name === undefined || name === "" || !existsSync(join(this.pluginsDirectory, name))) {
      throw new PluginError("plugin_not_found", `not installed in ${this.pluginsDirectory}`, { pluginName: name ?? idOrName });
    }
    return name;
  }

  private checkSource(source: string): { plugin: LoadedPlugin } {
    if (!existsSync(source) || !statSync(source).isDirectory()) {
      throw new PluginError("plugin_not_found", `plugin folder not found: ${source}`, {});
    }
    const result = loadPlugin(source, "installed");
    if (result.plugin === undefined) throw result.errors[0] ?? new PluginError("plugin_install_failed", `cannot load ${source}`, {});
    return { plugin: result.plugin };
  }

  private copyInto(source: string, target: string): void {
    mkdirSync(this.pluginsDirectory, { recursive: true });
    const staging = join(this.pluginsDirectory, `.staging-${process.pid}-${Date.now()}`);
    try {
      copyDirectory(source, staging);
      renameSync(staging, target);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      const reason = error instanceof Error ? error.message : String(error);
      throw new PluginError("plugin_install_failed", `cannot copy ${source} to ${target}: ${reason}`, {});
    }
  }

  private loadInstalled(name: string): PluginChange {
    const settings = readJsonObjectFile(this.settingsPath);
    const result = loadPlugin(join(this.pluginsDirectory, name), "installed", { enabledPlugins: enabledPluginsOf(settings) });
    if (result.plugin === undefined) throw result.errors[0]!;
    return { plugin: result.plugin, warnings: result.errors };
  }

  private readIndex(): Record<string, InstalledPluginRecord> {
    const index = readJsonObjectFile(this.installedIndexPath);
    const plugins = index["plugins"];
    if (plugins === undefined) return {};
    if (typeof plugins !== "object" || plugins === null || Array.isArray(plugins)) {
      throw new PluginError("plugin_settings_invalid", "expected an object of installed plugins", { file: this.installedIndexPath, field: "plugins" });
    }
    return { ...(plugins as Record<string, InstalledPluginRecord>) };
  }

  private writeRecord(record: InstalledPluginRecord): void {
    const index = this.readIndex();
    const stored: InstalledPluginRecord = { ...record };
    if (stored.version === undefined) delete stored.version;
    index[record.name] = stored;
    writeJsonFile(this.installedIndexPath, { plugins: index });
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }
}
