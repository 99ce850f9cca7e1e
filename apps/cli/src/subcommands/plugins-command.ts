import { resolve } from "node:path";
import type { Command } from "commander";
import { PluginManager } from "@axion/plugins";
import type { ProgramIo } from "../program-io.js";
import { formatTable, workspaceContext } from "./workspace-context.js";

function manager(io: ProgramIo): PluginManager {
  const context = workspaceContext(io);
  return new PluginManager({ configHome: context.configHome, cwd: context.cwd, settings: context.config.merged, homeDir: context.home });
}

/** `axion plugins list|install|enable|disable|uninstall|update`. */
export function registerPluginsCommand(program: Command, io: ProgramIo): void {
  const plugins = program.command("plugins").description("list, install, enable, disable, update and uninstall plugins");

  plugins
    .command("list")
    .description("show every plugin found (installed, project and external directories) and its state")
    .option("--output-format <format>", "text or json", "text")
    .action((options: { outputFormat: string }) => {
      const found = manager(io).list();
      if (options.outputFormat === "json") {
        const rows = found.plugins.map((plugin) => ({
          id: plugin.id,
          name: plugin.name,
          version: plugin.manifest.version,
          source: plugin.source,
          root: plugin.root,
          enabled: plugin.enabled,
          tools: plugin.tools.map((tool) => tool.name),
          commands: plugin.commands.length,
          agents: plugin.agents.length,
          skills: plugin.skills.length,
          mcpServers: Object.keys(plugin.mcpServers),
        }));
        io.stdout.write(`${JSON.stringify({ plugins: rows, errors: found.errors.map((error) => error.message) }, null, 2)}\n`);
        return;
      }
      for (const error of found.errors) io.stderr.write(`axion: plugin: ${error.message}\n`);
      if (found.plugins.length === 0) {
        io.stdout.write("No plugins found. Install one with `axion plugins install <path>`.\n");
        return;
      }
      const rows = [["ID", "VERSION", "STATE", "TOOLS", "COMMANDS", "AGENTS", "SKILLS", "MCP", "PATH"]];
      for (const plugin of found.plugins) {
        rows.push([
          plugin.id,
          plugin.manifest.version ?? "",
          plugin.enabled ? "enabled" : "disabled",
          String(plugin.tools.length),
          String(plugin.commands.length),
          String(plugin.agents.length),
          String(plugin.skills.length),
          String(Object.keys(plugin.mcpServers).length),
          plugin.root,
        ]);
      }
      io.stdout.write(formatTable(rows));
    });

  plugins
    .command("install <path>")
    .description("copy a plugin folder into the config home and enable it")
    .action((path: string) => {
      const change = manager(io).install(resolve(io.cwd, path));
      for (const warning of change.warnings) io.stderr.write(`axion: plugin: ${warning.message}\n`);
      io.stdout.write(`Installed ${change.plugin.id} into ${change.plugin.root}\n`);
    });

  plugins
    .command("update <id>")
    .description("copy an installed plugin again from the folder it was installed from")
    .action((id: string) => {
      const change = manager(io).update(id);
      io.stdout.write(`Updated ${change.plugin.id}\n`);
    });

  for (const [name, verb] of [
    ["enable", "Enabled"],
    ["disable", "Disabled"],
  ] as const) {
    plugins
      .command(`${name} <id>`)
      .description(`${name} a plugin (written to enabledPlugins in the config home's settings.json)`)
      .action((id: string) => {
        const pluginId = manager(io)[name](id);
        io.stdout.write(`${verb} ${pluginId}\n`);
      });
  }

  plugins
    .command("uninstall <id>")
    .description("remove an installed plugin")
    .action((id: string) => {
      manager(io).uninstall(id);
      io.stdout.write(`Uninstalled ${id}\n`);
    });
}
