import { detectSandbox } from "@axion/runtime";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/doctor", () => {
  it("checks node, credentials, settings, git, ripgrep and the sessions folder", async () => {
    const host = await useFakeHost();
    const lines = (await host.run("/doctor")).output?.split("\n") ?? [];
    expect(lines[0]).toBe("axion 9.8.7-test doctor");
    expect(lines).toContain(`  ✓ Node ${process.versions.node}`);
    expect(lines).toContain("  ✓ Credentials for anthropic: env ANTHROPIC_API_KEY");
    expect(lines).toContain("  ✓ Settings: 0 files loaded (defaults)");
    expect(lines.some((line) => /^ {2}✓ git version \d/.test(line))).toBe(true);
    expect(lines.some((line) => /^ {2}✓ ripgrep: \//.test(line))).toBe(true);
    expect(lines).toContain(`  ✓ Sessions: ${host.store.directory}`);
    expect(lines).toContain("  ✓ MCP servers: none configured");
    const bwrap = detectSandbox();
    expect(lines).toContain(
      bwrap.available
        ? `  ✓ Sandbox: bubblewrap ${bwrap.version} (${bwrap.bwrapPath}); on: the workspace and /tmp are writable, the rest read-only; network off`
        : `  ! Sandbox: unavailable (${bwrap.reason}); commands run without it, under the permission rules only`,
    );
    if (bwrap.available) expect(lines.at(-1)).toBe("Everything looks fine.");
  });

  it("warns when the sandbox cannot run, and reports the mode's sandbox", async () => {
    const missing = await useFakeHost({ env: { PATH: "/nonexistent-axion-path" } });
    const lines = (await missing.run("/doctor")).output?.split("\n") ?? [];
    expect(lines.filter((line) => line.includes("Sandbox:"))).toEqual([
      process.platform === "linux"
        ? "  ! Sandbox: unavailable (bwrap not found); commands run without it, under the permission rules only"
        : `  ! Sandbox: unavailable (the sandbox needs Linux and bubblewrap; this is ${process.platform}); commands run without it, under the permission rules only`,
    ]);
    const full = await useFakeHost({ permissionMode: "danger-full-access" });
    expect((await full.run("/doctor")).output).toMatch(/ {2}✓ Sandbox: .*off in danger-full-access mode: commands run without a sandbox/);
  });

  it("flags missing credentials, a failed MCP server and broken extensions", async () => {
    const host = await useFakeHost({
      mcp: { status: () => [{ name: "db", type: "stdio", status: "failed", error: "spawn db-server ENOENT", stderr: [], restarts: 3, toolCount: 0 }], tools: () => [] },
      files: { ".axion/agents/broken.md": "---\nname: [x\n---\n" },
    });
    (host.env as Record<string, string | undefined>)["ANTHROPIC_API_KEY"] = undefined;
    const lines = (await host.run("/doctor")).output?.split("\n") ?? [];
    expect(lines).toContain("  ✗ Credentials for anthropic: none (set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN or run /login anthropic)");
    expect(lines).toContain("  ✗ MCP db: failed — spawn db-server ENOENT");
    expect(lines.some((line) => line.startsWith("  ! ") && line.includes("broken.md"))).toBe(true);
    expect(lines.at(-1)).toBe("3 items need attention.");
  });
});
