import { detectSandbox } from "@axion/runtime";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

const bwrap = detectSandbox();

describe("/sandbox", () => {
  it.skipIf(!bwrap.available)(`reports the sandbox of the current mode, bwrap's path and version, and what it allows${bwrap.available ? "" : ` (skipped: ${bwrap.reason})`}`, async () => {
    const host = await useFakeHost({ configFiles: { "settings.json": JSON.stringify({ sandbox: { writable: ["~/cache"] } }) } });
    const lines = (await host.run("/sandbox")).output?.split("\n") ?? [];
    expect(lines[0]).toBe("Sandbox: on: the workspace and /tmp are writable, the rest read-only; network off");
    expect(lines).toContain(`bubblewrap: ${bwrap.available ? `${bwrap.bwrapPath} (${bwrap.version})` : ""}`);
    expect(lines).toContain("Setting sandbox.enabled: true (default)");
    expect(lines).toContain("Network: off (sandbox.network, default off)");
    expect(lines).toContain(`Writable in workspace-write: the workspace (${host.cwd}), a fresh /tmp, ~/cache`);
    expect(lines).toContain("Read-only inside the workspace: .git/hooks, .git/config, .axion, .claude, .mcp.json, .vscode, .idea");
    expect(lines).toContain("Hidden: ~/.axion");
    expect(lines.some((line) => line.startsWith("This mode (workspace-write): workspace-write sandbox."))).toBe(true);
    expect(lines).toContain("Not sandboxed: hooks, plugin tools and MCP servers (they run with your permissions).");

    host.session.setPermissionMode("read-only");
    expect((await host.run("/sandbox")).output).toContain("Sandbox: on: the filesystem is read-only but for a fresh /tmp; network off");
    host.session.setPermissionMode("danger-full-access");
    const off = (await host.run("/sandbox")).output ?? "";
    expect(off).toContain("Sandbox: off in danger-full-access mode: commands run without a sandbox");
    expect(off).toContain("This mode (danger-full-access): no sandbox.");
  });

  it("says when the settings turn it off", async () => {
    const host = await useFakeHost({ configFiles: { "settings.json": JSON.stringify({ sandbox: { enabled: false, network: true } }) } });
    const output = (await host.run("/sandbox")).output ?? "";
    expect(output).toContain("Sandbox: off: sandbox.enabled is false in the settings; commands run under the permission rules only");
    expect(output).toContain("Setting sandbox.enabled: false");
    expect(output).toContain("Network: on (sandbox.network)");
  });

  it("says when bwrap is missing, and that commands fall back to the rules", async () => {
    const host = await useFakeHost({ env: { PATH: "/nonexistent-axion-path" } });
    const output = (await host.run("/sandbox")).output ?? "";
    expect(output).toContain(
      process.platform === "linux"
        ? "Sandbox: unavailable (bwrap not found); commands run without it, under the permission rules only"
        : `Sandbox: unavailable (the sandbox needs Linux and bubblewrap; this is ${process.platform})`,
    );
    if (process.platform === "linux") expect(output).toContain("bubblewrap: bwrap not found (install the bubblewrap package)");
  });
});
