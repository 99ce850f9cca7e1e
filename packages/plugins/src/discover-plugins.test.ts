import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverPlugins } from "./discover-plugins.js";
import type { LoadedPlugin } from "./plugin-types.js";
import { copyFixture, manifest, temporaryDirectory, writeFiles } from "./test-support/temp-files.js";

function layout(): { cwd: string; configHome: string } {
  const base = temporaryDirectory();
  return { cwd: join(base, "workspace"), configHome: join(base, "config") };
}

function byId(plugins: LoadedPlugin[], id: string): LoadedPlugin {
  const plugin = plugins.find((candidate) => candidate.id === id);
  if (plugin === undefined) throw new Error(`plugin ${id} not found among ${plugins.map((p) => p.id).join(", ")}`);
  return plugin;
}

describe("discoverPlugins", () => {
  it("finds the parity plugin through plugins.externalDirectories and enables it from enabledPlugins", () => {
    const { cwd, configHome } = layout();
    copyFixture("external-plugins", join(cwd, "external-plugins"));
    const { plugins, errors } = discoverPlugins({
      cwd,
      configHome,
      settings: { enabledPlugins: { "parity-plugin@external": true }, plugins: { externalDirectories: ["external-plugins"] } },
    });
    expect(errors.map(String)).toEqual([]);
    const plugin = byId(plugins, "parity-plugin@external");
    expect(plugin.enabled).toBe(true);
    expect(plugin.root).toBe(join(cwd, "external-plugins", "parity-plugin"));
    expect(plugin.manifestPath).toBe(join(plugin.root, ".claude-plugin", "plugin.json"));
    expect(plugin.tools).toEqual([
      expect.objectContaining({
        name: "plugin_echo",
        command: join(plugin.root, "tools", "echo-json.sh"),
        requiredPermission: "workspace-write",
        inputSchema: expect.objectContaining({ required: ["message"], additionalProperties: false }),
      }),
    ]);
  });

  it("loads the Claude Code example plugins unchanged, with plugin root variables expanded", () => {
    const { cwd, configHome } = layout();
    copyFixture("code-quality", join(configHome, "plugins", "code-quality"));
    copyFixture("formatter", join(cwd, ".axion", "plugins", "formatter"));
    const { plugins, errors } = discoverPlugins({ cwd, configHome });
    expect(errors.map(String)).toEqual([]);

    const quality = byId(plugins, "code-quality@installed");
    const root = quality.root;
    expect(quality.enabled).toBe(true);
    expect(quality.manifest["keywords"]).toEqual(["code-quality", "linting", "testing", "code-review"]);
    // "hooks": "./hooks/hooks.json" names the default file: its hooks are loaded once.
    expect(Object.keys(quality.hooks)).toEqual(["PreToolUse", "Stop"]);
    expect(quality.hooks["PreToolUse"]).toHaveLength(2);
    expect(quality.hooks["PreToolUse"]?.[0]?.hooks[0]).toMatchObject({ type: "prompt", timeout: 30 });
    expect(quality.hooks["PreToolUse"]?.[1]?.hooks[0]?.command).toBe(`python3 ${root}/hooks/security_reminder_hook.py`);
    expect(quality.hooks["Stop"]?.[0]).toEqual({
      matcher: ".*",
      hooks: [{ type: "command", command: `bash "${root}/scripts/validate-commit.sh"`, timeout: 45 }],
    });
    expect(quality.mcpServers["database-tools"]).toEqual({
      command: `${root}/servers/db-server`,
      args: ["--config", `${root}/config.json`],
      env: { DB_URL: "${DB_URL}" },
    });
    expect(quality.mcpServers["asana"]).toEqual({ type: "sse", url: "https://mcp.asana.com/sse" });
    expect(quality.commands.map((command) => command.name)).toEqual([
      "code-quality:commit",
      "code-quality:feature",
      "code-quality:frontend:component",
      "code-quality:lint",
      "code-quality:review-pr",
    ]);
    expect(quality.commands.find((command) => command.localName === "lint")?.body).toContain(`bash "${root}/scripts/run-linter.sh"`);
    // "agents": "./agents" and "skills": "./skills" repeat the defaults: each file is read once.
    expect(quality.agents.map((agent) => agent.name)).toEqual([
      "code-quality:code-explorer",
      "code-quality:code-reviewer",
      "code-quality:test-generator",
    ]);
    expect(quality.skills.map((skill) => skill.name)).toEqual(["code-quality:Code Standards", "code-quality:writing-rules"]);

    const formatter = byId(plugins, "formatter@project");
    expect(formatter.manifest.author).toBe("Formatter Maintainers <formatter@example.com>");
    expect(formatter.hooks).toEqual({
      PostToolUse: [
        { matcher: "Write|Edit", hooks: [{ type: "command", command: `${formatter.root}/scripts/format.sh`, timeout: 30 }] },
      ],
    });
    expect(formatter.mcpServers).toEqual({ "plugin-api": { command: `${formatter.root}/servers/api-server`, args: ["--port", "8080"] } });
  });

  it("reports a broken plugin with its name, file and field while the others still load", () => {
    const { cwd, configHome } = layout();
    const external = join(cwd, "external-plugins");
    copyFixture("external-plugins", external);
    writeFiles(join(external, "broken"), {
      ".claude-plugin/plugin.json": manifest({
        name: "broken-plugin",
        tools: [{ name: "t", description: "d", inputSchema: { type: "array" }, command: "./t.sh" }],
      }),
    });
    writeFiles(join(external, "bad-json"), { "plugin.json": '{\n  "name": "bad-json",\n}\n' });
    writeFiles(join(external, "no-manifest"), { "README.md": "not a plugin" });
    writeFiles(join(external, "missing-command"), {
      ".axion-plugin/plugin.json": manifest({
        name: "missing-command",
        tools: [{ name: "t", description: "d", inputSchema: { type: "object" }, command: "./nowhere.sh" }],
      }),
    });
    const { plugins, errors } = discoverPlugins({ cwd, configHome, settings: { plugins: { externalDirectories: [external] } } });
    expect(plugins.map((plugin) => plugin.id)).toEqual(["parity-plugin@external"]);
    const messages = errors.map((error) => error.message);
    expect(messages).toEqual([
      `plugin bad-json (${join(external, "bad-json", "plugin.json")}:3): ${errors[0]?.reason}`,
      `plugin broken-plugin (${join(external, "broken", ".claude-plugin", "plugin.json")}): tools[0].inputSchema.type: expected "object"; got "array"`,
      `plugin missing-command (${join(external, "missing-command", ".axion-plugin", "plugin.json")}): tools[0].command: command not found: ${join(external, "missing-command", "nowhere.sh")}`,
      `plugin no-manifest (${join(external, "no-manifest")}): no plugin manifest (looked for .axion-plugin/plugin.json, .claude-plugin/plugin.json, plugin.json)`,
    ]);
    expect(errors[0]?.reason).toMatch(/^invalid JSON: /);
    expect(errors[1]).toMatchObject({ code: "plugin_manifest_invalid", pluginName: "broken-plugin", field: "tools[0].inputSchema.type" });
  });

  it("takes the enable state from enabledPlugins, else the manifest default", () => {
    const { cwd, configHome } = layout();
    const tool = { name: "x", description: "d", inputSchema: { type: "object" }, command: "cat" };
    writeFiles(join(configHome, "plugins"), {
      "on/plugin.json": manifest({ name: "on", tools: [tool] }),
      "off/plugin.json": manifest({ name: "off", defaultEnabled: false }),
      "forced-off/plugin.json": manifest({ name: "forced-off" }),
    });
    const { plugins } = discoverPlugins({ cwd, configHome, settings: { enabledPlugins: { "forced-off@installed": false, "on@project": false } } });
    expect(Object.fromEntries(plugins.map((plugin) => [plugin.id, plugin.enabled]))).toEqual({
      "forced-off@installed": false,
      "off@installed": false,
      "on@installed": true,
    });
    expect(byId(plugins, "on@installed").tools[0]?.command).toBe("cat");
  });

  it("reports hooks, MCP and component problems with the file at fault", () => {
    const { cwd, configHome } = layout();
    const plugins = join(cwd, ".axion", "plugins");
    writeFiles(plugins, {
      "bad-hooks/plugin.json": manifest({ name: "bad-hooks" }),
      "bad-hooks/hooks/hooks.json": JSON.stringify({ PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command" }] }] }),
      "bad-mcp/plugin.json": manifest({ name: "bad-mcp", mcpServers: { db: { args: ["x"] } } }),
      "escape/plugin.json": manifest({ name: "escape", commands: ["../../elsewhere"] }),
      "bad-agent/plugin.json": manifest({ name: "bad-agent" }),
      "bad-agent/agents/good.md": "---\ndescription: fine\n---\nBody\n",
      "bad-agent/agents/broken.md": "---\ndescription: fine\ntools: [Read\n---\nBody\n",
    });
    const result = discoverPlugins({ cwd, configHome });
    expect(result.plugins.map((plugin) => plugin.id)).toEqual(["bad-agent@project"]);
    expect(result.plugins[0]?.agents.map((agent) => agent.name)).toEqual(["bad-agent:good"]);
    const messages = result.errors.map((error) => error.message);
    expect(messages[0]).toMatch(new RegExp(`^plugin bad-agent \\(${join(plugins, "bad-agent", "agents", "broken.md")}:\\d+\\): invalid frontmatter: `));
    expect(messages.slice(1)).toEqual([
      `plugin bad-hooks (${join(plugins, "bad-hooks", "hooks", "hooks.json")}): PreToolUse[0].hooks[0].command: expected a command for a hook of type "command"`,
      `plugin bad-mcp (${join(plugins, "bad-mcp", "plugin.json")}): mcpServers.db.command: required for a stdio server`,
      `plugin escape (${join(plugins, "escape", "plugin.json")}): commands[0]: path "../../elsewhere" leaves the plugin folder`,
    ]);
  });

  it("keeps the first of two enabled plugins declaring the same tool and reports the other", () => {
    const { cwd, configHome } = layout();
    const tool = { name: "shared_tool", description: "d", inputSchema: { type: "object" }, command: "cat" };
    writeFiles(join(configHome, "plugins"), { "first/plugin.json": manifest({ name: "first", tools: [tool] }) });
    writeFiles(join(cwd, ".axion", "plugins"), { "second/plugin.json": manifest({ name: "second", tools: [tool] }) });
    const { plugins, errors } = discoverPlugins({ cwd, configHome });
    expect(byId(plugins, "first@installed").tools).toHaveLength(1);
    expect(byId(plugins, "second@project").tools).toHaveLength(0);
    expect(errors.map((error) => error.message)).toEqual([
      `plugin second (${join(cwd, ".axion", "plugins", "second", "plugin.json")}): tools[0].name: tool "shared_tool" is already provided by plugin first@installed; this one is not loaded`,
    ]);
  });

  it("reports an external directory that does not exist", () => {
    const { cwd, configHome } = layout();
    const { errors } = discoverPlugins({ cwd, configHome, settings: { plugins: { externalDirectories: ["missing"] } } });
    expect(errors.map((error) => error.message)).toEqual([`plugins.externalDirectories[0]: directory not found: ${join(cwd, "missing")}`]);
  });
});
