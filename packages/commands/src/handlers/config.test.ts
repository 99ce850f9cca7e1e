import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/config", () => {
  it("lists the settings files in load order and the merged settings with env values hidden", async () => {
    const host = await useFakeHost({
      configFiles: { "settings.json": JSON.stringify({ model: "opus", env: { API_TOKEN: "secret-value" } }) },
      files: { ".axion/settings.json": JSON.stringify({ permissions: { defaultMode: "prompt" } }) },
    });
    host.reloadConfig();
    const { output } = await host.run("/config");
    expect(output).toContain(`Settings files (later wins):\n  · user    ${host.home}/.claude/settings.json (not found)\n  ✓ user    ${host.configHome}/settings.json`);
    expect(output).toContain(`  ✓ project ${host.cwd}/.axion/settings.json`);
    expect(output).toContain('"model": "opus"');
    expect(output).toContain('"API_TOKEN": "(set)"');
    expect(output).toContain('"defaultMode": "prompt"');
    expect(output).not.toContain("secret-value");
  });

  it("says when there are no settings", async () => {
    const host = await useFakeHost();
    expect((await host.run("/config")).output).toContain("Merged settings:\n{} (no settings; defaults apply)");
  });
});
