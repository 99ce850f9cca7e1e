import { HOOK_EVENTS } from "@axion/runtime";
import type { SlashCommand } from "../command-host.js";
import { oneLine } from "../text/format-text.js";

interface HookGroupLike {
  matcher?: string | undefined;
  hooks: { type: string; command?: string | undefined; timeout?: number | undefined }[];
}

function renderHooks(config: Readonly<Record<string, readonly HookGroupLike[]>>, lines: string[]): number {
  let count = 0;
  for (const [event, groups] of Object.entries(config)) {
    for (const group of groups) {
      const matcher = group.matcher === undefined || group.matcher === "" ? "*" : group.matcher;
      for (const hook of group.hooks) {
        const what = hook.type === "command" ? oneLine(hook.command ?? "", 100) : `(${hook.type} hook, not run by axion)`;
        const timeout = hook.timeout === undefined ? "" : ` [timeout ${hook.timeout}s]`;
        const unknown = (HOOK_EVENTS as readonly string[]).includes(event) ? "" : " (event not run by axion)";
        lines.push(`  ${event}${unknown} ${matcher}: ${what}${timeout}`);
        count += 1;
      }
    }
  }
  return count;
}

/** `/hooks`: the hook commands from the settings and from enabled plugins. */
export const hooksCommand: SlashCommand = {
  name: "hooks",
  category: "Configuration",
  summary: "List the configured hooks",
  async run(_args, host) {
    const lines: string[] = ["Settings hooks:"];
    if (renderHooks(host.config.merged.hooks ?? {}, lines) === 0) lines.push("  none");
    for (const plugin of host.plugins.list().plugins.filter((entry) => entry.enabled)) {
      const pluginLines: string[] = [];
      if (renderHooks(plugin.hooks, pluginLines) > 0) lines.push("", `Plugin ${plugin.id}:`, ...pluginLines);
    }
    lines.push("", `Events run: ${HOOK_EVENTS.join(", ")}. Hooks are set under "hooks" in the settings files (see /config).`);
    return { output: lines.join("\n") };
  },
};
