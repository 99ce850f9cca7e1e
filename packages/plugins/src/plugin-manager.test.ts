import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PluginManager } from "./plugin-manager.js";
import { copyFixture, manifest, temporaryDirectory, writeFiles } from "./test-support/temp-files.js";

function setup(): { base: string; configHome: string; cwd: string; manager: PluginManager } {
  const base = temporaryDirectory();
  const configHome = join(base, "config");
  const cwd = join(base, "workspace");
  writeFiles(cwd, { "README.md": "workspace" });
  let tick = 0;
  const manager = new PluginManager({ configHome, cwd, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)) });
  return { base, configHome, cwd, manager };
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, "utf8"));

describe("PluginManager", () => {
  it("installs a local plugin folder into <configHome>/plugins/<name> and records its source", () => {
    const { base, configHome, manager } = setup();
    const source = copyFixture("external-plugins/parity-plugin", join(base, "sources", "parity"));
    writeFiles(source, { ".git/HEAD": "ref: refs/heads/main\n" });
    const { plugin, warnings } = manager.install(source);
    expect(warnings).toEqual([]);
    expect(plugin.id).toBe("parity-plugin@installed");
    const target = join(configHome, "plugins", "parity-plugin");
    expect(plugin.root).toBe(target);
    expect(statSync(join(target, "tools", "echo-json.sh")).mode & 0o111).not.toBe(0);
    expect(existsSync(join(target, ".git"))).toBe(false);
    expect(readJson(join(configHome, "plugins", "installed.json"))).toEqual({
      plugins: {
        "parity-plugin": {
          name: "parity-plugin",
          sourcePath: source,
          version: "1.0.0",
          installedAt: "2026-01-01T00:00:00.000Z",
          updatedAt: "2026-01-01T00:00:00.000Z",
        },
      },
    });
    expect(manager.list().plugins.map((entry) => [entry.id, entry.enabled])).toEqual([["parity-plugin@installed", true]]);
    expect(() => manager.install(source)).toThrow(
      `plugin parity-plugin: already installed in ${target}; use update to copy it again`,
    );
  });

  it("refuses to install a broken plugin and names the field", () => {
    const { base, configHome, manager } = setup();
    const source = writeFiles(join(base, "broken"), { "plugin.json": manifest({ name: "broken", defaultEnabled: "no" }) });
    expect(() => manager.install(source)).toThrow(`plugin broken (${join(source, "plugin.json")}): defaultEnabled: expected boolean, got "no"`);
    expect(existsSync(join(configHome, "plugins", "broken"))).toBe(false);
  });

  it("enables and disables plugins in settings.json, keeping the rest of the file", () => {
    const { base, configHome, cwd, manager } = setup();
    manager.install(copyFixture("code-quality", join(base, "sources", "code-quality")));
    writeFiles(cwd, { ".axion/plugins/local/plugin.json": manifest({ name: "local" }) });
    const settingsPath = join(configHome, "settings.json");
    writeFileSync(settingsPath, JSON.stringify({ model: "sonnet", permissions: { allow: ["Bash"] }, enabledPlugins: { "other@external": true } }));
    chmodSync(settingsPath, 0o600);

    expect(manager.disable("code-quality")).toBe("code-quality@installed");
    // rewritten atomically: the file keeps its 0600 mode and no temporary file is left beside it
    expect(statSync(settingsPath).mode & 0o777).toBe(0o600);
    expect(readdirSync(configHome).filter((name) => name.startsWith("settings.json"))).toEqual(["settings.json"]);
    expect(manager.disable("local@project")).toBe("local@project");
    expect(readJson(settingsPath)).toEqual({
      model: "sonnet",
      permissions: { allow: ["Bash"] },
      enabledPlugins: { "other@external": true, "code-quality@installed": false, "local@project": false },
    });
    expect(manager.list().plugins.map((plugin) => [plugin.id, plugin.enabled])).toEqual([
      ["code-quality@installed", false],
      ["local@project", false],
    ]);
    manager.enable("code-quality@installed");
    expect((readJson(settingsPath) as { enabledPlugins: Record<string, boolean> }).enabledPlugins["code-quality@installed"]).toBe(true);
    expect(() => manager.enable("nope")).toThrow("plugin nope: no such plugin; known plugins: code-quality@installed, local@project");
  });

  it("does not overwrite a settings file it cannot parse", () => {
    const { base, configHome, manager } = setup();
    manager.install(copyFixture("formatter", join(base, "sources", "formatter")));
    const settingsPath = join(configHome, "settings.json");
    writeFileSync(settingsPath, '{\n  "model": "sonnet",\n  oops\n}');
    expect(() => manager.enable("formatter")).toThrow(new RegExp(`^${settingsPath.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:3: invalid JSON`));
    expect(readFileSync(settingsPath, "utf8")).toBe('{\n  "model": "sonnet",\n  oops\n}');
  });

  it("updates an installed plugin from its recorded source", () => {
    const { base, configHome, manager } = setup();
    const source = copyFixture("external-plugins/parity-plugin", join(base, "sources", "parity"));
    manager.install(source);
    writeFiles(source, {
      ".claude-plugin/plugin.json": readFileSync(join(source, ".claude-plugin", "plugin.json"), "utf8").replace('"1.0.0"', '"1.1.0"'),
      "NEW.md": "added later",
    });
    const { plugin } = manager.update("parity-plugin@installed");
    expect(plugin.manifest.version).toBe("1.1.0");
    expect(readFileSync(join(configHome, "plugins", "parity-plugin", "NEW.md"), "utf8")).toBe("added later");
    expect(manager.installed()).toEqual([
      expect.objectContaining({ version: "1.1.0", installedAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:01.000Z" }),
    ]);
    expect(() => manager.update("ghost")).toThrow(`plugin ghost: not installed in ${join(configHome, "plugins")}`);
  });

  it("uninstalls a plugin: folder, record and enabledPlugins entry", () => {
    const { base, configHome, manager } = setup();
    manager.install(copyFixture("formatter", join(base, "sources", "formatter")));
    manager.install(copyFixture("external-plugins/parity-plugin", join(base, "sources", "parity")));
    manager.enable("formatter");
    manager.uninstall("formatter");
    expect(existsSync(join(configHome, "plugins", "formatter"))).toBe(false);
    expect(manager.installed().map((record) => record.name)).toEqual(["parity-plugin"]);
    expect(readJson(join(configHome, "settings.json"))).toEqual({ enabledPlugins: {} });
    expect(manager.list().plugins.map((plugin) => plugin.id)).toEqual(["parity-plugin@installed"]);
    expect(() => manager.uninstall("formatter")).toThrow("plugin formatter: not installed");
    expect(() => manager.uninstall("parity-plugin@external")).toThrow("only installed plugins");
  });
});
