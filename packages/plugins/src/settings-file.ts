import { existsSync, readFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { describeJsonError } from "./manifest/plugin-manifest.js";
import { PluginError } from "./plugin-error.js";

/** Reads a JSON settings file as an object; a missing file is `{}`, a broken one a `PluginError` naming it. */
export function readJsonObjectFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  const text = readFileSync(file, "utf8");
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const described = describeJsonError(text, error);
    throw new PluginError("plugin_settings_invalid", described.message, { file, line: described.line });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PluginError("plugin_settings_invalid", "expected a JSON object", { file });
  }
  return value as Record<string, unknown>;
}

/**
 * Writes `value` as indented JSON atomically (write-file-atomic: a temporary file in the same folder, fsynced,
 * given the old file's mode and owner, renamed over it), so readers and a kill never see half a file. A
 * symlinked settings file is written through to its target, the link kept.
 */
export function writeJsonFile(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic.sync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Sets (`true`/`false`) or removes (`undefined`) `enabledPlugins[id]` in the settings file, keeping every other
 * key of the file as it was.
 */
export function updateEnabledPlugin(file: string, id: string, enabled: boolean | undefined): void {
  const settings = readJsonObjectFile(file);
  const current = settings["enabledPlugins"];
  if (current !== undefined && (typeof current !== "object" || current === null || Array.isArray(current))) {
    throw new PluginError("plugin_settings_invalid", "expected an object of \"<name>@<source>\": true|false", {
      file,
      field: "enabledPlugins",
    });
  }
  const enabledPlugins: Record<string, unknown> = { ...(current as Record<string, unknown> | undefined) };
  if (enabled === undefined) {
    if (!(id in enabledPlugins)) return;
    delete enabledPlugins[id];
  } else {
    enabledPlugins[id] = enabled;
  }
  writeJsonFile(file, { ...settings, enabledPlugins });
}

/** `enabledPlugins` of a settings file, keeping only boolean entries. */
export function enabledPluginsOf(settings: Record<string, unknown>): Record<string, boolean> {
  const value = settings["enabledPlugins"];
  const result: Record<string, boolean> = {};
  if (typeof value !== "object" || value === null) return result;
  for (const [key, enabled] of Object.entries(value)) if (typeof enabled === "boolean") result[key] = enabled;
  return result;
}
