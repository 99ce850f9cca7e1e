import type { LoadedPlugin } from "./plugin-types.js";

/** The environment a plugin process sees: `base` (defined values only) plus the plugin's identity variables. */
export function pluginEnvironment(
  plugin: Pick<LoadedPlugin, "id" | "name" | "root">,
  base: Readonly<Record<string, string | undefined>> | undefined,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base ?? process.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, {
    AXION_PLUGIN_ID: plugin.id,
    AXION_PLUGIN_NAME: plugin.name,
    AXION_PLUGIN_ROOT: plugin.root,
    CLAWD_PLUGIN_ID: plugin.id,
    CLAWD_PLUGIN_NAME: plugin.name,
    CLAWD_PLUGIN_ROOT: plugin.root,
    CLAUDE_PLUGIN_ROOT: plugin.root,
    ...extra,
  });
  return env;
}
