import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlugin } from "./load-plugin.js";
import type { LoadedPlugin } from "./plugin-types.js";
import { runPluginLifecycle } from "./run-plugin-lifecycle.js";
import { manifest, temporaryDirectory, writeFiles } from "./test-support/temp-files.js";

function plugin(lifecycle: Record<string, unknown>, files: Record<string, string> = {}): LoadedPlugin {
  const root = writeFiles(join(temporaryDirectory(), "life"), { "plugin.json": manifest({ name: "life", lifecycle }), ...files });
  const result = loadPlugin(root, "installed");
  if (result.plugin === undefined) throw new Error(result.errors.map(String).join("\n"));
  return result.plugin;
}

describe("runPluginLifecycle", () => {
  it("runs init commands in the plugin folder with the plugin variables", async () => {
    const loaded = plugin({ init: ["echo \"$AXION_PLUGIN_ID $CLAWD_PLUGIN_NAME\" > init.log", "./setup.sh ${AXION_PLUGIN_ROOT}"] }, {
      "setup.sh": "#!/bin/sh\necho \"setup $1\" >> init.log\n",
    });
    const result = await runPluginLifecycle(loaded, "init");
    expect(result.ok).toBe(true);
    expect(readFileSync(join(loaded.root, "init.log"), "utf8")).toBe(`life@installed life\nsetup ${loaded.root}\n`);
  });

  it("stops init at the first failing command and names it", async () => {
    const loaded = plugin({ init: ["echo broken >&2; exit 4", "touch never"] });
    const result = await runPluginLifecycle(loaded, "init");
    expect(result.ok).toBe(false);
    expect(result.results).toHaveLength(1);
    expect(result.results[0]?.error).toBe("plugin life@installed init command `echo broken >&2; exit 4` exited with code 4: broken");
    expect(existsSync(join(loaded.root, "never"))).toBe(false);
  });

  it("runs every shutdown command even after a failure, and times out a hanging one", async () => {
    const loaded = plugin({ shutdown: ["sleep 30", "exit 1", "touch done"] });
    const result = await runPluginLifecycle(loaded, "shutdown", { timeoutMs: 200 });
    expect(result.results.map((entry) => entry.ok)).toEqual([false, false, true]);
    expect(result.results[0]?.error).toBe("plugin life@installed shutdown command `sleep 30` timed out after 200 ms");
    expect(existsSync(join(loaded.root, "done"))).toBe(true);
  });

  it("does nothing for a plugin without lifecycle commands", async () => {
    expect(await runPluginLifecycle(plugin({}), "init")).toEqual({ pluginId: "life@installed", phase: "init", ok: true, results: [] });
  });
});
