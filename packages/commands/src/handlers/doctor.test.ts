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
    expect(lines.at(-1)).toBe("Everything looks fine.");
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
