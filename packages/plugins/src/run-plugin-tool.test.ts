import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverPlugins } from "./discover-plugins.js";
import { loadPlugin } from "./load-plugin.js";
import type { LoadedPlugin } from "./plugin-types.js";
import { runPluginTool } from "./run-plugin-tool.js";
import { copyFixture, manifest, temporaryDirectory, writeFiles } from "./test-support/temp-files.js";

function pluginWith(tools: Record<string, string>, declarations: Record<string, unknown>[]): { plugin: LoadedPlugin; workspace: string } {
  const base = temporaryDirectory();
  const root = writeFiles(join(base, "plugins", "runner"), { "plugin.json": manifest({ name: "runner", tools: declarations }), ...tools });
  const { plugin, errors } = loadPlugin(root, "project");
  if (plugin === undefined) throw new Error(errors.map(String).join("\n"));
  const workspace = join(base, "workspace");
  writeFiles(workspace, { "marker.txt": "workspace" });
  return { plugin, workspace };
}

const objectSchema = { type: "object", properties: {} };

/** Whether `pid` is a running process (a zombie waiting to be reaped counts as gone). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, "utf8") : "";
  return !/^State:\s+Z/m.test(status);
}

describe("runPluginTool", () => {
  it("runs the parity plugin's echo script with the input on stdin and the plugin id in the environment", async () => {
    const workspace = temporaryDirectory();
    copyFixture("external-plugins", join(workspace, "external-plugins"));
    const { plugins } = discoverPlugins({
      cwd: workspace,
      configHome: join(workspace, "config"),
      settings: { enabledPlugins: { "parity-plugin@external": true }, plugins: { externalDirectories: ["external-plugins"] } },
    });
    const plugin = plugins[0]!;
    const result = await runPluginTool(plugin, "plugin_echo", { message: "hello from plugin parity" }, { cwd: workspace, env: { PATH: process.env["PATH"] } });
    expect(result.isError).toBe(false);
    expect(JSON.parse(result.output)).toEqual({
      plugin: "parity-plugin@external",
      tool: "plugin_echo",
      input: { message: "hello from plugin parity" },
    });
  });

  it("sets the AXION_* and CLAWD_* variables, runs in the workspace and keeps the given environment", async () => {
    const { plugin, workspace } = pluginWith(
      {
        "tools/env.sh": [
          "#!/bin/sh",
          'printf "%s|%s|%s|%s|%s\\n" "$AXION_PLUGIN_ID" "$AXION_PLUGIN_NAME" "$AXION_PLUGIN_ROOT" "$AXION_TOOL_NAME" "$AXION_TOOL_INPUT"',
          'printf "%s|%s|%s|%s|%s\\n" "$CLAWD_PLUGIN_ID" "$CLAWD_PLUGIN_NAME" "$CLAWD_PLUGIN_ROOT" "$CLAWD_TOOL_NAME" "$CLAWD_TOOL_INPUT"',
          'printf "%s|%s\\n" "$EXTRA" "$(cat marker.txt)"',
          "",
        ].join("\n"),
      },
      [{ name: "env_tool", description: "d", inputSchema: objectSchema, command: "tools/env.sh" }],
    );
    const result = await runPluginTool(plugin, plugin.tools[0]!, { a: 1 }, { cwd: workspace, env: { PATH: process.env["PATH"], EXTRA: "kept" } });
    const expected = `runner@project|runner|${plugin.root}|env_tool|{"a":1}`;
    expect(result.output.split("\n")).toEqual([expected, expected, "kept|workspace", ""]);
  });

  it("runs a system command found on PATH, with arguments", async () => {
    const { plugin, workspace } = pluginWith({}, [
      { name: "cat_tool", description: "d", inputSchema: objectSchema, command: "cat" },
      { name: "echo_args", description: "d", inputSchema: objectSchema, command: "echo", args: ["root=${AXION_PLUGIN_ROOT}"] },
    ]);
    expect((await runPluginTool(plugin, "cat_tool", { x: "y" }, { cwd: workspace })).output).toBe('{"x":"y"}');
    expect((await runPluginTool(plugin, "echo_args", {}, { cwd: workspace })).output).toBe(`root=${plugin.root}\n`);
  });

  it("turns a non-zero exit into an error result carrying stderr", async () => {
    const { plugin, workspace } = pluginWith(
      { "fail.sh": "#!/bin/sh\necho partial\necho 'message field is required' >&2\nexit 3\n" },
      [{ name: "failing", description: "d", inputSchema: objectSchema, command: "./fail.sh" }],
    );
    const result = await runPluginTool(plugin, "failing", {}, { cwd: workspace });
    expect(result).toMatchObject({ isError: true, exitCode: 3, stdout: "partial\n" });
    expect(result.output).toBe("plugin tool failing (runner@project) exited with code 3\nmessage field is required");
  });

  it("kills the whole process group on timeout", async () => {
    const { plugin, workspace } = pluginWith(
      { "slow.sh": "#!/bin/sh\nsleep 30 &\necho $! > \"$PID_FILE\"\nwait\n" },
      [{ name: "slow", description: "d", inputSchema: objectSchema, command: "./slow.sh", timeoutMs: 60_000 }],
    );
    const pidFile = join(workspace, "child.pid");
    const started = Date.now();
    const result = await runPluginTool(plugin, "slow", {}, { cwd: workspace, env: { ...process.env, PID_FILE: pidFile }, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ isError: true, timedOut: true });
    expect(result.output).toBe("plugin tool slow (runner@project) timed out after 300 ms");
    const grandchild = Number(readFileSync(pidFile, "utf8"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isAlive(grandchild)).toBe(false);
  });

  it("stops when the signal aborts", async () => {
    const { plugin, workspace } = pluginWith({ "slow.sh": "#!/bin/sh\nsleep 30\n" }, [
      { name: "slow", description: "d", inputSchema: objectSchema, command: "./slow.sh" },
    ]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await runPluginTool(plugin, "slow", {}, { cwd: workspace, signal: controller.signal });
    expect(result).toMatchObject({ isError: true, aborted: true, output: "plugin tool slow (runner@project) was cancelled" });
  });

  it("reports a program that cannot start", async () => {
    const { plugin, workspace } = pluginWith({ "not-executable.sh": "echo hi\n" }, [
      { name: "noexec", description: "d", inputSchema: objectSchema, command: "./not-executable.sh" },
      { name: "missing", description: "d", inputSchema: objectSchema, command: "axion-no-such-program" },
    ]);
    expect(existsSync(join(plugin.root, "not-executable.sh"))).toBe(true);
    const noexec = await runPluginTool(plugin, "noexec", {}, { cwd: workspace });
    expect(noexec.output).toBe(`plugin tool noexec (runner@project) could not start: permission denied: ${join(plugin.root, "not-executable.sh")} (is it executable?)`);
    const missing = await runPluginTool(plugin, "missing", {}, { cwd: workspace });
    expect(missing.output).toBe("plugin tool missing (runner@project) could not start: command not found: axion-no-such-program");
  });
});
