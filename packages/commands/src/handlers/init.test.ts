import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/init", () => {
  it("creates AXION.md, .axion/settings.json and .gitignore entries", async () => {
    const host = await useFakeHost({ files: { "package.json": JSON.stringify({ scripts: { test: "vitest run", build: "tsc" } }) } });
    const { output } = await host.run("/init");
    expect(output).toBe(
      [
        `Initialised ${host.cwd}:`,
        "  created  AXION.md",
        "  created  .axion/settings.json",
        "  created  .gitignore (.axion/sessions/, .axion/settings.local.json)",
        "",
        "Edit AXION.md to tell axion about the project; settings take effect in the next session.",
      ].join("\n"),
    );
    expect(readFileSync(join(host.cwd, "AXION.md"), "utf8")).toContain("## Commands\n\n- build: `npm run build`\n- test: `npm run test`\n");
    expect(JSON.parse(readFileSync(join(host.cwd, ".axion", "settings.json"), "utf8"))).toEqual({ permissions: { defaultMode: "prompt" } });
    host.reloadConfig();
    expect(host.config.merged.permissions?.defaultMode).toBe("prompt");
  });

  it("never overwrites existing files", async () => {
    const host = await useFakeHost({ files: { "AXION.md": "# mine\n", ".gitignore": "node_modules\n.axion/sessions/" } });
    const { output } = await host.run("/init");
    expect(output).toContain("  kept     AXION.md (already exists)");
    expect(output).toContain("  updated  .gitignore (.axion/settings.local.json)");
    expect(readFileSync(join(host.cwd, "AXION.md"), "utf8")).toBe("# mine\n");
    expect(readFileSync(join(host.cwd, ".gitignore"), "utf8")).toBe("node_modules\n.axion/sessions/\n.axion/settings.local.json\n");
    const again = (await host.run("/init")).output;
    expect(again).toContain("  kept     .axion/settings.json (already exists)");
    expect(again).toContain("  kept     .gitignore (entries present)");
  });
});
