import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

/** Where a plugin's manifest may live inside its folder, in lookup order. */
export const MANIFEST_CANDIDATES = [".axion-plugin/plugin.json", ".claude-plugin/plugin.json", "plugin.json"] as const;

/** The manifest path inside `pluginRoot`, or undefined when the folder holds none. */
export function findPluginManifest(pluginRoot: string): string | undefined {
  for (const candidate of MANIFEST_CANDIDATES) {
    const path = join(pluginRoot, candidate);
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return undefined;
}

/** Plugin ids are `<name>@<source>`, e.g. `parity-plugin@external`. */
export function pluginId(name: string, source: string): string {
  return `${name}@${source}`;
}
