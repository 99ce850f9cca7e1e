import { chmod, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadSkills, PluginManager } from "@axion/plugins";
import type { TestWorkspace } from "../test-support/workspace.js";
import { callTool, createTestWorkspace } from "../test-support/workspace.js";
import { skillTool } from "../skill.js";
import { pluginToolsFor } from "./plugin-tools.js";

const workspaces: TestWorkspace[] = [];
afterEach(async () => {
  for (const workspace of workspaces.splice(0)) await workspace.cleanup();
});

async function files(root: string, entries: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(entries)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
    if (content.startsWith("#!")) await chmod(join(root, path), 0o755);
  }
}

/**
 * The parity scenario's layout: `external-plugins/parity-plugin` in the workspace with the `plugin_echo` tool, and
 * `<configHome>/settings.json` naming the folder in `plugins.externalDirectories` and the plugin in `enabledPlugins`.
 */
async function parityWorkspace(enabled: boolean | undefined): Promise<{ workspace: TestWorkspace; configHome: string }> {
  const workspace = await createTestWorkspace();
  workspaces.push(workspace);
  const configHome = join(workspace.base, "config");
  await files(join(workspace.root, "external-plugins", "parity-plugin"), {
    ".claude-plugin/plugin.json": JSON.stringify({
      name: "parity-plugin",
      version: "1.0.0",
      tools: [
        {
          name: "plugin_echo",
          description: "Echo the input back as JSON",
          inputSchema: {
            type: "object",
            properties: { message: { type: "string" } },
            required: ["message"],
            additionalProperties: false,
          },
          command: "./tools/echo-json.sh",
          requiredPermission: "workspace-write",
        },
        {
          name: "plugin_fail",
          description: "Always fails",
          inputSchema: { type: "object", properties: { code: { type: "integer" } } },
          command: "./tools/fail.sh",
          requiredPermission: "read-only",
        },
      ],
    }),
    "tools/echo-json.sh": '#!/bin/sh\ninput=$(cat)\nprintf \'{"plugin":"%s","tool":"%s","input":%s}\\n\' "$AXION_PLUGIN_ID" "$AXION_TOOL_NAME" "$input"\n',
    "tools/fail.sh": "#!/bin/sh\necho \"failed in $(pwd)\" >&2\nexit 2\n",
    "skills/echo-help/SKILL.md": "---\ndescription: How to use plugin_echo\n---\nCall plugin_echo with $ARGUMENTS.\n",
  });
  const settings = {
    plugins: { externalDirectories: [join(workspace.root, "external-plugins")] },
    ...(enabled === undefined ? {} : { enabledPlugins: { "parity-plugin@external": enabled } }),
  };
  await files(configHome, { "settings.json": JSON.stringify(settings) });
  return { workspace, configHome };
}

/** Discovers plugins as the CLI does: from the settings file in the config home. */
function discover(workspace: TestWorkspace, configHome: string) {
  const result = new PluginManager({ configHome, cwd: workspace.root }).list();
  expect(result.errors.map(String)).toEqual([]);
  return result.plugins;
}

describe("pluginToolsFor", () => {
  it("runs the parity plugin's plugin_echo for real and returns its JSON output", async () => {
    const { workspace, configHome } = await parityWorkspace(true);
    const tools = pluginToolsFor(discover(workspace, configHome));
    expect(tools.map((tool) => [tool.name, tool.requiredPermission])).toEqual([
      ["plugin_echo", "workspace-write"],
      ["plugin_fail", "read-only"],
    ]);
    const echo = tools[0]!;
    expect(echo.inputSchema).toEqual({
      type: "object",
      properties: { message: { type: "string" } },
      required: ["message"],
      additionalProperties: false,
    });
    const result = await callTool(echo, { message: "hello from plugin parity" }, workspace.context());
    expect(result.isError).toBe(false);
    expect(JSON.parse(result.text)).toEqual({
      plugin: "parity-plugin@external",
      tool: "plugin_echo",
      input: { message: "hello from plugin parity" },
    });
    expect(result.output?.display).toMatchObject({ kind: "plugin", pluginId: "parity-plugin@external", exitCode: 0 });
  });

  it("rejects input that breaks the declared schema, naming the field", async () => {
    const { workspace, configHome } = await parityWorkspace(true);
    const [echo, fail] = pluginToolsFor(discover(workspace, configHome));
    expect(echo!.validate({})).toEqual({ ok: false, error: "Invalid input for plugin_echo: message: required" });
    expect(echo!.validate({ message: 5, extra: true })).toEqual({
      ok: false,
      error: "Invalid input for plugin_echo: message: expected string, got number 5; extra: unknown field",
    });
    expect(fail!.validate({ code: 1.5 })).toEqual({ ok: false, error: "Invalid input for plugin_fail: code: expected integer, got number 1.5" });
    expect(fail!.validate({ code: 1, other: "allowed" })).toEqual({ ok: true, value: { code: 1, other: "allowed" } });
  });

  it("turns a failing plugin process into an error result with its stderr, run in the workspace", async () => {
    const { workspace, configHome } = await parityWorkspace(true);
    const fail = pluginToolsFor(discover(workspace, configHome))[1]!;
    const result = await callTool(fail, {}, workspace.context());
    expect(result.isError).toBe(true);
    expect(result.text).toBe(`plugin tool plugin_fail (parity-plugin@external) exited with code 2\nfailed in ${workspace.root}`);
  });

  it("offers no tools of a disabled plugin", async () => {
    const { workspace, configHome } = await parityWorkspace(false);
    expect(pluginToolsFor(discover(workspace, configHome))).toEqual([]);
    const byDefault = await parityWorkspace(undefined);
    expect(pluginToolsFor(discover(byDefault.workspace, byDefault.configHome)).map((tool) => tool.name)).toEqual(["plugin_echo", "plugin_fail"]);
  });

  it("stops the plugin process when the session aborts", async () => {
    const { workspace, configHome } = await parityWorkspace(true);
    await files(join(workspace.root, "external-plugins", "parity-plugin"), { "tools/echo-json.sh": "#!/bin/sh\nsleep 30\n" });
    const echo = pluginToolsFor(discover(workspace, configHome))[0]!;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const result = await callTool(echo, { message: "x" }, workspace.context({ signal: controller.signal }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ isError: true, text: "plugin tool plugin_echo (parity-plugin@external) was cancelled" });
  });

  it("serves plugin skills to the Skill tool through loadSkills", async () => {
    const { workspace, configHome } = await parityWorkspace(true);
    const plugins = discover(workspace, configHome);
    const skills = loadSkills({ cwd: workspace.root, configHome, homeDir: join(workspace.base, "home"), plugins });
    const result = await callTool(skillTool, { skill: "echo-help", args: "a message" }, workspace.context({ services: { skills } }));
    expect(result).toMatchObject({ isError: false, text: "Call plugin_echo with a message.\n" });
  });
});
