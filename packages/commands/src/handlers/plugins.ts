import { resolve } from "node:path";
import type { LoadedPlugin } from "@axion/plugins";
import { usageError } from "../command-error.js";
import type { CommandHost, SlashCommand } from "../command-host.js";
import { formatTable, plural, splitFirstWord } from "../text/format-text.js";

const USAGE = "[list | install <path> | enable <id> | disable <id> | uninstall <id>]";
const RESTART = "Restart axion to load the change.";

/** `/plugins …`: lists, installs, enables, disables and uninstalls plugins. */
export const pluginsCommand: SlashCommand = {
  name: "plugins",
  category: "Tool Management",
  summary: "List, install, enable, disable or uninstall plugins",
  usage: USAGE,
  details: "A plugin is named by its id (<name>@<source>) or, when unique, its name. install copies a local plugin folder into the config home.",
  argumentCompletions(args, host) {
    const { first, rest } = splitFirstWord(args);
    if (!/\s/.test(args)) return ["list", "install", "enable", "disable", "uninstall"].filter((entry) => entry.startsWith(first));
    if (!["enable", "disable", "uninstall"].includes(first)) return [];
    return host.plugins
      .list()
      .plugins.map((plugin) => `${first} ${plugin.id}`)
      .filter((entry) => entry.startsWith(`${first} ${rest}`));
  },
  async run(args, host) {
    const { first, rest } = splitFirstWord(args);
    const action = first.toLowerCase();
    if (action === "" || action === "list") return { output: list(host) };
    if (!["install", "enable", "disable", "uninstall"].includes(action)) throw usageError("plugins", USAGE, `Unknown subcommand "${first}"`);
    if (rest === "") throw usageError("plugins", `${action} <${action === "install" ? "path" : "id"}>`);
    switch (action) {
      case "install": {
        const change = host.plugins.install(resolve(host.cwd, rest));
        const plugin = change.plugin;
        const lines = [`Installed ${plugin.id}${versionOf(plugin)} into ${plugin.root} (${plugin.enabled ? "enabled" : "disabled"}).`];
        for (const warning of change.warnings) lines.push(`warning: ${warning.message}`);
        lines.push(RESTART);
        return { output: lines.join("\n") };
      }
      case "enable":
        return { output: `Enabled ${host.plugins.enable(rest)}. ${RESTART}` };
      case "disable":
        return { output: `Disabled ${host.plugins.disable(rest)}. ${RESTART}` };
      default:
        host.plugins.uninstall(rest);
        return { output: `Uninstalled ${rest}. ${RESTART}` };
    }
  },
};

function versionOf(plugin: LoadedPlugin): string {
  return plugin.manifest.version === undefined ? "" : ` ${plugin.manifest.version}`;
}

function contents(plugin: LoadedPlugin): string {
  const parts = [
    plural(plugin.tools.length, "tool"),
    plural(plugin.commands.length, "command"),
    plural(plugin.agents.length, "agent"),
    plural(plugin.skills.length, "skill"),
  ];
  const hookCount = Object.values(plugin.hooks).reduce((sum, groups) => sum + groups.reduce((inner, group) => inner + group.hooks.length, 0), 0);
  if (hookCount > 0) parts.push(plural(hookCount, "hook"));
  const servers = Object.keys(plugin.mcpServers).length;
  if (servers > 0) parts.push(plural(servers, "MCP server"));
  return parts.join(", ");
}

function list(host: CommandHost): string {
  const { plugins, errors } = host.plugins.list();
  const lines: string[] = [];
  if (plugins.length === 0) {
    lines.push("No plugins. Install one with /plugins install <path>.");
  } else {
    const rows = plugins.map((plugin) => [
      plugin.id,
      plugin.manifest.version ?? "",
      plugin.enabled ? "enabled" : "disabled",
      contents(plugin),
    ]);
    lines.push("Plugins:", formatTable(rows, "  "));
  }
  if (errors.length > 0) lines.push("", "Problems:", ...errors.map((error) => `  ${error.message}`));
  return lines.join("\n");
}
