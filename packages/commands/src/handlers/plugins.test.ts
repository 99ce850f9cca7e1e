import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

const manifest = JSON.stringify({
  name: "echo-tools",
  version: "1.2.0",
  tools: [{ name: "plugin_echo", description: "Echo", inputSchema: { type: "object", properties: {} }, command: "./echo.sh", requiredPermission: "read-only" }],
});

describe("/plugins", () => {
  it("installs, lists, disables, enables and uninstalls a plugin", async () => {
    const host = await useFakeHost({
      files: {
        "src-plugin/.claude-plugin/plugin.json": manifest,
        "src-plugin/echo.sh": "#!/bin/sh\ncat\n",
        "src-plugin/commands/hello.md": "Say hello.\n",
      },
    });
    expect((await host.run("/plugins")).output).toBe("No plugins. Install one with /plugins install <path>.");
    const installed = (await host.run("/plugins install src-plugin")).output;
    expect(installed).toBe(`Installed echo-tools@installed 1.2.0 into ${host.configHome}/plugins/echo-tools (enabled).\nRestart axion to load the change.`);
    expect((await host.run("/plugins list")).output).toBe(
      "Plugins:\n  echo-tools@installed  1.2.0  enabled  1 tool, 1 command, 0 agents, 0 skills",
    );
    expect((await host.run("/plugins disable echo-tools")).output).toBe("Disabled echo-tools@installed. Restart axion to load the change.");
    expect(JSON.parse(readFileSync(join(host.configHome, "settings.json"), "utf8"))).toEqual({ enabledPlugins: { "echo-tools@installed": false } });
    expect((await host.run("/plugins")).output).toContain("echo-tools@installed  1.2.0  disabled");
    expect((await host.run("/plugins enable echo-tools@installed")).output).toBe("Enabled echo-tools@installed. Restart axion to load the change.");
    expect((await host.run("/plugins uninstall echo-tools")).output).toBe("Uninstalled echo-tools. Restart axion to load the change.");
    expect(existsSync(join(host.configHome, "plugins", "echo-tools"))).toBe(false);
  });

  it("reports broken plugins and bad arguments in one line", async () => {
    const host = await useFakeHost({ files: { "bad/.claude-plugin/plugin.json": "{ not json" } });
    expect((await host.run("/plugins install bad")).error).toMatch(/^\/plugins: plugin .*bad.*plugin\.json.*/);
    expect((await host.run("/plugins install")).error).toBe("Usage: /plugins install <path>");
    expect((await host.run("/plugins enable ghost")).error).toMatch(/^\/plugins: plugin ghost.*no such plugin; none are installed$/);
    expect((await host.run("/plugins frob")).error).toBe(
      'Unknown subcommand "frob". Usage: /plugins [list | install <path> | enable <id> | disable <id> | uninstall <id>]',
    );
  });

  it("lists problems of plugins that do not load", async () => {
    const host = await useFakeHost({ configFiles: { "plugins/broken/.claude-plugin/plugin.json": '{"name": 5}' } });
    const { output } = await host.run("/plugins");
    expect(output).toMatch(/^No plugins\. Install one with \/plugins install <path>\.\n\nProblems:\n {2}plugin .*broken.*name/);
  });
});
