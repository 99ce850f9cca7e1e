import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPluginManifest, pluginId } from "./manifest-location.js";

function pluginDir(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "axion-plugin-"));
  for (const file of files) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), "{}");
  }
  return root;
}

describe("findPluginManifest", () => {
  it("prefers .axion-plugin, then .claude-plugin, then plugin.json", () => {
    const all = pluginDir([".axion-plugin/plugin.json", ".claude-plugin/plugin.json", "plugin.json"]);
    expect(findPluginManifest(all)).toBe(join(all, ".axion-plugin/plugin.json"));
    const claude = pluginDir([".claude-plugin/plugin.json", "plugin.json"]);
    expect(findPluginManifest(claude)).toBe(join(claude, ".claude-plugin/plugin.json"));
    const bare = pluginDir(["plugin.json"]);
    expect(findPluginManifest(bare)).toBe(join(bare, "plugin.json"));
  });

  it("returns undefined for a folder without a manifest or with a folder named plugin.json", () => {
    expect(findPluginManifest(pluginDir(["README.md"]))).toBeUndefined();
    const odd = pluginDir(["plugin.json/inner.txt"]);
    expect(findPluginManifest(odd)).toBeUndefined();
  });

  it("builds ids as name@source", () => {
    expect(pluginId("parity-plugin", "external")).toBe("parity-plugin@external");
  });
});
