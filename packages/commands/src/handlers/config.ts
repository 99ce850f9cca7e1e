import type { SlashCommand } from "../command-host.js";

/** `/config`: the settings files looked for (in load order) and the merged settings, env values hidden. */
export const configCommand: SlashCommand = {
  name: "config",
  category: "Configuration",
  summary: "Show the settings files and the merged settings",
  async run(_args, host) {
    const lines = ["Settings files (later wins):"];
    for (const source of host.config.sources) {
      lines.push(`  ${source.loaded ? "✓" : "·"} ${source.scope.padEnd(7)} ${source.path}${source.loaded ? "" : " (not found)"}`);
    }
    const merged: Record<string, unknown> = { ...host.config.merged };
    const env = merged["env"];
    if (typeof env === "object" && env !== null) {
      merged["env"] = Object.fromEntries(Object.keys(env).map((key) => [key, "(set)"]));
    }
    const json = Object.keys(merged).length === 0 ? "{} (no settings; defaults apply)" : JSON.stringify(merged, null, 2);
    lines.push("", "Merged settings:", json);
    return { output: lines.join("\n") };
  },
};
