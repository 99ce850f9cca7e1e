import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.js";
import { loadConfig, resolveConfigHome } from "./load-config.js";

let root: string;
let home: string;
let cwd: string;
let configHome: string;

function write(path: string, content: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
}

function load(extra: { env?: Record<string, string>; flags?: Record<string, unknown> } = {}) {
  return loadConfig({ cwd, home, env: { HOME: home, AXION_CONFIG_HOME: configHome, ...extra.env }, flags: extra.flags });
}

function loadError(extra: { env?: Record<string, string>; flags?: Record<string, unknown> } = {}): ConfigError {
  try {
    load(extra);
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "axion-config-"));
  home = join(root, "home");
  cwd = join(root, "work");
  configHome = join(root, "config");
  mkdirSync(home, { recursive: true });
  mkdirSync(cwd, { recursive: true });
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("loadConfig precedence", () => {
  const files = () => [
    join(home, ".claude", "settings.json"),
    join(configHome, "settings.json"),
    join(cwd, ".claude", "settings.json"),
    join(cwd, ".axion.json"),
    join(cwd, ".axion", "settings.json"),
    join(cwd, ".claude", "settings.local.json"),
    join(cwd, ".axion", "settings.local.json"),
  ];

  it("reads every file in order, the later file winning", () => {
    const paths = files();
    paths.forEach((path, index) => write(path, { model: `model-${index}`, [`key${index}`]: index }));
    const { merged, sources } = load();
    expect(merged.model).toBe("model-6");
    for (let index = 0; index < paths.length; index += 1) expect(merged[`key${index}`]).toBe(index);
    expect(sources.map((source) => source.path)).toEqual(paths);
    expect(sources.map((source) => source.scope)).toEqual(["user", "user", "project", "project", "project", "local", "local"]);
    expect(sources.every((source) => source.loaded)).toBe(true);
  });

  it.each([0, 1, 2, 3, 4, 5])("file %i loses to every later file", (index) => {
    const paths = files();
    for (let later = index; later < paths.length; later += 1) {
      const path = paths[later];
      if (path !== undefined) write(path, { outputStyle: `style-${later}` });
    }
    expect(load().merged.outputStyle).toBe(`style-${paths.length - 1}`);
    rmSync(paths[paths.length - 1] ?? "", { force: true });
    expect(load().merged.outputStyle).toBe(`style-${paths.length - 2}`);
  });

  it("honours Claude Code's .claude files on their own and marks missing files as not loaded", () => {
    write(join(home, ".claude", "settings.json"), { model: "claude-user", permissions: { defaultMode: "plan" } });
    write(join(cwd, ".claude", "settings.json"), { permissions: { allow: ["Bash(npm test)"] } });
    const { merged, sources } = load();
    expect(merged.model).toBe("claude-user");
    expect(merged.permissions).toEqual({ defaultMode: "read-only", allow: ["Bash(npm test)"] });
    expect(sources.filter((source) => source.loaded).map((source) => source.path)).toEqual([
      join(home, ".claude", "settings.json"),
      join(cwd, ".claude", "settings.json"),
    ]);
  });

  it("deep-merges objects key by key while arrays and scalars replace", () => {
    write(join(configHome, "settings.json"), {
      permissions: { defaultMode: "workspace-write", allow: ["Read", "Grep"], deny: ["Bash(rm:*)"] },
      env: { A: "1", B: "2" },
      hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "user.sh" }] }] },
      custom: { nested: { keep: true, replace: 1 } },
    });
    write(join(cwd, ".axion", "settings.json"), {
      permissions: { allow: ["Write"] },
      env: { B: "3" },
      hooks: { Stop: [{ hooks: [{ type: "command", command: "stop.sh" }] }] },
      custom: { nested: { replace: 2 } },
    });
    const { merged, permissionRules } = load();
    expect(merged.permissions).toEqual({ defaultMode: "workspace-write", allow: ["Write"], deny: ["Bash(rm:*)"] });
    expect(merged.env).toEqual({ A: "1", B: "3" });
    expect(Object.keys(merged.hooks ?? {})).toEqual(["PreToolUse", "Stop"]);
    expect(merged.custom).toEqual({ nested: { keep: true, replace: 2 } });
    expect(permissionRules).toEqual({ allow: ["Read", "Grep", "Write"], deny: ["Bash(rm:*)"], ask: [] });
  });

  it("keeps unknown keys and accepts apiKeyHelper", () => {
    write(join(cwd, ".axion.json"), { apiKeyHelper: "/bin/key", statusLine: { type: "command" }, permissions: { extra: 1 } });
    const { merged } = load();
    expect(merged.apiKeyHelper).toBe("/bin/key");
    expect(merged.statusLine).toEqual({ type: "command" });
    expect(merged.permissions).toEqual({ extra: 1 });
  });

  it("treats an empty file as empty settings", () => {
    write(join(cwd, ".axion.json"), "  \n");
    expect(load().merged).toEqual({});
    expect(load().sources.find((source) => source.path.endsWith(".axion.json"))?.loaded).toBe(true);
  });

  it("reads the user file from ~/.axion when AXION_CONFIG_HOME is not set", () => {
    write(join(home, ".axion", "settings.json"), { model: "from-default-home" });
    const loaded = loadConfig({ cwd, home, env: { HOME: home } });
    expect(loaded.merged.model).toBe("from-default-home");
  });

  it("loads a file once when the home and the workspace coincide", () => {
    write(join(home, ".claude", "settings.json"), { model: "once" });
    const loaded = loadConfig({ cwd: home, home, env: { HOME: home } });
    expect(loaded.sources.filter((source) => source.path === join(home, ".claude", "settings.json"))).toHaveLength(1);
    expect(loaded.merged.model).toBe("once");
  });
});

describe("loadConfig environment and flags", () => {
  it("applies AXION_* variables over files and flags over everything", () => {
    write(join(cwd, ".axion", "settings.local.json"), { model: "file", maxTurns: 3, permissions: { defaultMode: "read-only", allow: ["Read"] } });
    const fromEnv = load({ env: { AXION_MODEL: "env-model", AXION_PERMISSION_MODE: "bypassPermissions", AXION_MAX_TURNS: "7", AXION_OUTPUT_STYLE: "terse" } });
    expect(fromEnv.merged.model).toBe("env-model");
    expect(fromEnv.merged.maxTurns).toBe(7);
    expect(fromEnv.merged.outputStyle).toBe("terse");
    expect(fromEnv.merged.permissions).toEqual({ defaultMode: "danger-full-access", allow: ["Read"] });

    const fromFlags = load({
      env: { AXION_MODEL: "env-model", AXION_PERMISSION_MODE: "allow" },
      flags: { model: "flag-model", permissions: { defaultMode: "acceptEdits" } },
    });
    expect(fromFlags.merged.model).toBe("flag-model");
    expect(fromFlags.merged.permissions?.defaultMode).toBe("workspace-write");
    expect(fromFlags.merged.maxTurns).toBe(3);
  });

  it("ignores empty environment variables", () => {
    write(join(cwd, ".axion.json"), { model: "file" });
    expect(load({ env: { AXION_MODEL: "" } }).merged.model).toBe("file");
  });

  it("rejects a bad environment value naming the variable", () => {
    expect(loadError({ env: { AXION_MAX_TURNS: "ten" } }).message).toBe('AXION_MAX_TURNS: expected a positive integer, got "ten"');
    expect(loadError({ env: { AXION_PERMISSION_MODE: "yolo" } }).message).toMatch(/^AXION_PERMISSION_MODE: expected one of read-only, workspace-write, .*bypassPermissions.*; got "yolo"$/);
  });

  it("rejects bad flags naming the key", () => {
    expect(loadError({ flags: { maxTurns: -1 } }).message).toMatch(/^flags: maxTurns: /);
  });
});

describe("loadConfig errors", () => {
  it("names the file and the key path of an invalid value", () => {
    const path = join(cwd, ".axion", "settings.json");
    write(path, { permissions: { defaultMode: "sometimes" } });
    const error = loadError();
    expect(error.message).toBe(
      `${path}: permissions.defaultMode: expected one of read-only, workspace-write, danger-full-access, prompt, allow, default, acceptEdits, plan, bypassPermissions, dontAsk; got "sometimes"`,
    );
    expect(error.source).toBe(path);
    expect(error.keyPath).toBe("permissions.defaultMode");
    expect(error.code).toBe("config_invalid");
    expect(error.message).not.toContain("\n");
  });

  it("names array indexes and nested hook keys", () => {
    const path = join(cwd, ".claude", "settings.json");
    write(path, { permissions: { allow: ["Read", 3] } });
    expect(loadError().message).toBe(`${path}: permissions.allow[1]: expected string, received number`);
    write(path, { hooks: { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command" }] }] } });
    expect(loadError().message).toBe(`${path}: hooks.PreToolUse[0].hooks[0].command: expected a command for a hook of type "command"`);
    write(path, { hooks: { PreToolUse: [{ hooks: [{ type: "command", command: "x", timeout: 0 }] }] } });
    expect(loadError().message).toBe(`${path}: hooks.PreToolUse[0].hooks[0].timeout: expected a positive number of seconds`);
  });

  it("reports each typed key", () => {
    const path = join(configHome, "settings.json");
    const cases: [unknown, string][] = [
      [{ model: 5 }, "model: expected string, received number"],
      [{ env: { A: 1 } }, "env.A: expected string, received number"],
      [{ maxTurns: 1.5 }, "maxTurns: expected int, received number"],
      [{ enabledPlugins: { "a@b": "yes" } }, "enabledPlugins.a@b: expected boolean, received string"],
      [{ plugins: { externalDirectories: "dir" } }, "plugins.externalDirectories: expected array, received string"],
      [{ mcpServers: { github: "x" } }, "mcpServers.github: expected object, received string"],
      [{ permissions: { deny: "Bash" } }, "permissions.deny: expected array, received string"],
    ];
    for (const [content, message] of cases) {
      write(path, content);
      expect(loadError().message).toBe(`${path}: ${message}`);
    }
  });

  it("counts further problems in the same one-line message", () => {
    const path = join(cwd, ".axion.json");
    write(path, { model: 1, maxTurns: "x" });
    expect(loadError().message).toBe(`${path}: model: expected string, received number (and 1 more problem)`);
  });

  it("gives the line and column of invalid JSON", () => {
    const path = join(cwd, ".axion", "settings.local.json");
    write(path, '{\n  "model": "a",\n    oops: 1\n}');
    const error = loadError();
    expect(error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: invalid JSON at line 3 column 5 \\(.+\\)$`));
    expect(error.code).toBe("config_invalid_json");
  });

  it("reports truncated JSON at its end", () => {
    const path = join(cwd, ".axion.json");
    write(path, '{\n  "model": ');
    expect(loadError().message).toBe(`${path}: invalid JSON at line 2 column 11 (Unexpected end of JSON input)`);
  });

  it("rejects a file that is not a JSON object", () => {
    const path = join(home, ".claude", "settings.json");
    write(path, "[1, 2]");
    expect(loadError().message).toBe(`${path}: expected a JSON object at the top level, got an array`);
  });

  it("reports a settings path that cannot be read", () => {
    const path = join(cwd, ".axion.json");
    mkdirSync(path);
    expect(loadError().message).toBe(`${path}: cannot be read (EISDIR)`);
  });
});

describe("resolveConfigHome", () => {
  it("uses AXION_CONFIG_HOME, expanding ~, or falls back to ~/.axion", () => {
    expect(resolveConfigHome({ AXION_CONFIG_HOME: "/etc/axion" })).toBe("/etc/axion");
    expect(resolveConfigHome({ AXION_CONFIG_HOME: "~/cfg", HOME: "/home/u" })).toBe("/home/u/cfg");
    expect(resolveConfigHome({ HOME: "/home/u" })).toBe("/home/u/.axion");
    expect(resolveConfigHome({ HOME: "/home/u", AXION_CONFIG_HOME: " " })).toBe("/home/u/.axion");
  });
});
