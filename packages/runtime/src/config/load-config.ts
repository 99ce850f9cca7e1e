import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve } from "node:path";
import type { z } from "zod";
import { ConfigError } from "./config-error.js";
import { deepMerge, isPlainObject } from "./deep-merge.js";
import type { Settings } from "./settings-schema.js";
import { PERMISSION_MODE_NAMES, settingsSchema } from "./settings-schema.js";
import { parsePermissionMode, type PermissionMode } from "../permission-mode.js";
import { filterUntrustedLayer, type UntrustedReport } from "./untrusted-settings.js";

export type ConfigScope = "user" | "project" | "local";

/** One settings file that was looked for. `loaded` is false when the file does not exist. */
export interface ConfigSource {
  path: string;
  scope: ConfigScope;
  loaded: boolean;
}

export interface LoadConfigOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The home directory (`~`); defaults to `env.HOME`, then the OS home. */
  home?: string | undefined;
  /** Where axion's own user settings live; defaults to `resolveConfigHome(env)`. */
  configHome?: string | undefined;
  /** Settings from command-line flags; they win over everything else. */
  flags?: Record<string, unknown> | undefined;
  /**
   * Whether the folder is trusted (default true). When false, project and local settings keep only what can
   * neither run nor grant (deny and ask rules, a `defaultMode` that does not raise the user's own, `model`,
   * `outputStyle`, `maxTurns`); the rest is reported in `LoadedConfig.untrusted`.
   */
  trusted?: boolean | undefined;
}

/** Permission rules gathered from every source (user, project, local, flags), in load order, duplicates removed. */
export interface PermissionRuleSets {
  allow: string[];
  deny: string[];
  ask: string[];
}

export interface LoadedConfig {
  /** Every source deep-merged, later wins. Unknown keys are kept. */
  merged: Settings;
  /** The settings files looked for, in load order. */
  sources: ConfigSource[];
  /**
   * `permissions.allow|deny|ask` of every source concatenated. In `merged` a later list replaces an earlier one (as
   * every array does); these unions keep, say, a user-level deny rule in force when a project lists its own.
   */
  permissionRules: PermissionRuleSets;
  /** Set when the folder is not trusted: what the project and local settings carried that was left out. */
  untrusted?: UntrustedReport | undefined;
}

function homeOf(env: Readonly<Record<string, string | undefined>>, home?: string): string {
  return home ?? (env.HOME !== undefined && env.HOME !== "" ? env.HOME : homedir());
}

/** `AXION_CONFIG_HOME` (with `~` expanded) or `~/.axion`. */
export function resolveConfigHome(env: Readonly<Record<string, string | undefined>>, home?: string): string {
  const userHome = homeOf(env, home);
  const configured = env.AXION_CONFIG_HOME;
  if (configured === undefined || configured.trim() === "") return join(userHome, ".axion");
  if (configured === "~") return userHome;
  if (configured.startsWith("~/")) return join(userHome, configured.slice(2));
  return resolve(configured);
}

/** The settings files in load order (later wins). Claude Code's file comes before axion's at each level. */
export function settingsFileLocations(options: {
  cwd: string;
  home: string;
  configHome: string;
}): { path: string; scope: ConfigScope }[] {
  const { cwd, home, configHome } = options;
  const candidates: { path: string; scope: ConfigScope }[] = [
    { path: join(home, ".claude", "settings.json"), scope: "user" },
    { path: join(configHome, "settings.json"), scope: "user" },
    { path: join(cwd, ".claude", "settings.json"), scope: "project" },
    { path: join(cwd, ".axion.json"), scope: "project" },
    { path: join(cwd, ".axion", "settings.json"), scope: "project" },
    { path: join(cwd, ".claude", "settings.local.json"), scope: "local" },
    { path: join(cwd, ".axion", "settings.local.json"), scope: "local" },
  ];
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = resolve(candidate.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Renders a zod issue path as `permissions.allow[2]`. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text === "" ? String(part) : `.${String(part)}`;
  }
  return text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  let message = issue.message.replace(/^Invalid input: /, "").replace(/^Invalid option: /, "");
  if (issue.code === "unrecognized_keys") message = `unexpected keys ${issue.keys.join(", ")}`;
  return message;
}

/** Validates one source; throws a `ConfigError` naming the source and the key of the first problem. */
export function validateSettings(source: string, value: unknown): Settings {
  if (!isPlainObject(value)) {
    throw new ConfigError(source, undefined, `expected a JSON object at the top level, got ${describeJsonType(value)}`);
  }
  const result = settingsSchema.safeParse(value);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  if (first === undefined) throw new ConfigError(source, undefined, "invalid settings");
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"})` : "";
  throw new ConfigError(source, formatKeyPath(first.path), `${describeIssue(first)}${more}`);
}

function describeJsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index += 1) {
    if (text[index] === "\n") {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses settings JSON; an empty file counts as `{}`. Throws a `ConfigError` with the line and column. */
export function parseSettingsJson(source: string, rawText: string): unknown {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const offset = position?.[1] !== undefined ? Number(position[1]) : text.trimEnd().length;
    const { line, column } = lineAndColumn(text, offset);
    const detail = message.replace(/\s*in JSON at position \d+.*$/, "").replace(/\s*\(line \d+ column \d+\)$/, "");
    throw new ConfigError(source, undefined, `invalid JSON at line ${line} column ${column} (${detail})`, "config_invalid_json");
  }
}

function readSettingsFile(path: string): Settings | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw new ConfigError(path, undefined, `cannot be read (${code ?? String(error)})`, "config_unreadable");
  }
  return validateSettings(path, parseSettingsJson(path, text));
}

function positiveInteger(name: string, value: string): number {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) === 0) {
    throw new ConfigError(name, undefined, `expected a positive integer, got "${value}"`);
  }
  return Number(trimmed);
}

/** The settings environment variables stand for. Each invalid value is a `ConfigError` naming the variable. */
export function settingsFromEnv(env: Readonly<Record<string, string | undefined>>): Settings {
  const present = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };
  const settings: Settings = {};
  const model = present("AXION_MODEL");
  if (model !== undefined) settings.model = model;
  const modeName = present("AXION_PERMISSION_MODE");
  if (modeName !== undefined) {
    const mode = parsePermissionMode(modeName);
    if (mode === undefined) {
      throw new ConfigError("AXION_PERMISSION_MODE", undefined, `expected one of ${PERMISSION_MODE_NAMES.join(", ")}; got "${modeName}"`);
    }
    settings.permissions = { defaultMode: mode };
  }
  const maxTurns = present("AXION_MAX_TURNS");
  if (maxTurns !== undefined) settings.maxTurns = positiveInteger("AXION_MAX_TURNS", maxTurns);
  const outputStyle = present("AXION_OUTPUT_STYLE");
  if (outputStyle !== undefined) settings.outputStyle = outputStyle;
  return settings;
}

function collectRules(layers: readonly Settings[]): PermissionRuleSets {
  const gather = (key: "allow" | "deny" | "ask"): string[] => {
    const rules: string[] = [];
    for (const layer of layers) {
      for (const rule of layer.permissions?.[key] ?? []) if (!rules.includes(rule)) rules.push(rule);
    }
    return rules;
  };
  return { allow: gather("allow"), deny: gather("deny"), ask: gather("ask") };
}

/**
 * Loads the settings files (user, project, local; Claude Code's before axion's at each level), then the
 * environment, then `flags`, deep-merging them with later sources winning. A missing file is skipped; an unreadable
 * or invalid one throws a `ConfigError` whose one-line message names the file and the key.
 */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const home = homeOf(options.env, options.home);
  const configHome = options.configHome ?? resolveConfigHome(options.env, home);
  const cwd = resolve(options.cwd);
  const sources: ConfigSource[] = [];
  const files: { settings: Settings; path: string; scope: ConfigScope }[] = [];
  for (const location of settingsFileLocations({ cwd, home, configHome })) {
    const settings = readSettingsFile(location.path);
    sources.push({ ...location, loaded: settings !== undefined });
    if (settings !== undefined) files.push({ settings, ...location });
  }
  const envSettings = settingsFromEnv(options.env);
  const flagSettings = options.flags !== undefined ? validateSettings("flags", options.flags) : undefined;
  let untrusted: UntrustedReport | undefined;
  if (options.trusted === false) {
    // the mode the user's own layers give; an untrusted project may lower it, never raise it
    let userMode: PermissionMode = "workspace-write";
    for (const layer of [...files.filter((file) => file.scope === "user").map((file) => file.settings), envSettings, flagSettings]) {
      if (layer?.permissions?.defaultMode !== undefined) userMode = layer.permissions.defaultMode;
    }
    untrusted = { skipped: [], items: [] };
    for (const file of files) {
      if (file.scope === "user") continue;
      const shown = file.path.startsWith(`${cwd}/`) ? relative(cwd, file.path) : file.path;
      const filtered = filterUntrustedLayer(file.settings, shown, userMode);
      file.settings = filtered.kept;
      untrusted.items.push(...filtered.items);
    }
    untrusted.skipped = untrusted.items.map((item) => item.summary);
  }
  const layers: Settings[] = files.map((file) => file.settings);
  layers.push(envSettings);
  if (flagSettings !== undefined) layers.push(flagSettings);
  let merged: Record<string, unknown> = {};
  for (const layer of layers) merged = deepMerge(merged, layer);
  return { merged: merged as Settings, sources, permissionRules: collectRules(layers), ...(untrusted !== undefined ? { untrusted } : {}) };
}
