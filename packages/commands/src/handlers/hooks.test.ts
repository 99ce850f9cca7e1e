import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/hooks", () => {
  it("lists hooks from the settings and from enabled plugins", async () => {
    const host = await useFakeHost({
      files: {
        ".axion/settings.json": JSON.stringify({
          hooks: {
            PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "./check-command.sh", timeout: 5 }] }],
            PostToolUse: [{ hooks: [{ type: "command", command: "npx prettier --write ." }] }],
            Notification: [{ hooks: [{ type: "command", command: "notify-send done" }] }],
          },
        }),
        "fmt-plugin/.claude-plugin/plugin.json": JSON.stringify({ name: "fmt", version: "1.0.0" }),
        "fmt-plugin/hooks/hooks.json": JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: "command", command: "echo stopped" }] }] } }),
      },
    });
    host.reloadConfig();
    host.plugins.install(`${host.cwd}/fmt-plugin`);
    const { output } = await host.run("/hooks");
    expect(output).toContain(
      [
        "Settings hooks:",
        "  PreToolUse Bash: ./check-command.sh [timeout 5s]",
        "  PostToolUse *: npx prettier --write .",
        "  Notification (event not run by axion) *: notify-send done",
      ].join("\n"),
    );
    expect(output).toContain("Plugin fmt@installed:\n  Stop *: echo stopped");
  });

  it("says when there are none", async () => {
    const host = await useFakeHost();
    expect((await host.run("/hooks")).output).toMatch(/^Settings hooks:\n {2}none\n\nEvents run: PreToolUse, PostToolUse/);
  });
});
