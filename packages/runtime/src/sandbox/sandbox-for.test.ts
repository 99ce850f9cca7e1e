import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PERMISSION_MODES } from "../permission-mode.js";
import { describeSandboxStatus } from "./describe-sandbox-status.js";
import type { SandboxDetection } from "./detect-sandbox.js";
import { sandboxFor } from "./sandbox-for.js";

let root: string;
let home: string;
let workspace: string;
let configHome: string;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "axion-sandbox-for-")));
  home = join(root, "home");
  workspace = join(home, "project");
  configHome = join(home, ".axion");
  for (const directory of [workspace, configHome, join(home, ".ssh"), join(home, ".config", "gh"), join(home, ".docker")]) mkdirSync(directory, { recursive: true });
  writeFileSync(join(home, ".netrc"), "");
  writeFileSync(join(home, ".docker", "config.json"), "{}");
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const works = (): SandboxDetection => ({ available: true, bwrapPath: "/usr/bin/bwrap", version: "0.8.0" });
const decide = (mode: (typeof PERMISSION_MODES)[number], settings = {}, detect: () => SandboxDetection = works) =>
  sandboxFor({ mode, settings, workspace, env: {}, home, configHome, detect });

describe("sandboxFor", () => {
  it("gives each permission mode its sandbox", () => {
    expect(Object.fromEntries(PERMISSION_MODES.map((mode) => [mode, decide(mode).spec?.mode ?? "none"]))).toEqual({
      "read-only": "read-only",
      "workspace-write": "workspace-write",
      "danger-full-access": "none",
      prompt: "workspace-write",
      allow: "none",
    });
    expect(decide("allow").status).toEqual({ state: "off-in-this-mode", permissionMode: "allow" });
  });

  it("hides the config home and the credential paths that exist, never a parent of the workspace", () => {
    const spec = decide("workspace-write").spec!;
    expect(spec.hidden.sort()).toEqual([configHome, join(home, ".config", "gh"), join(home, ".docker", "config.json"), join(home, ".netrc"), join(home, ".ssh")].sort());
    // a workspace inside the config home: masking the config home would hide the workspace
    mkdirSync(join(configHome, "work"));
    const inside = sandboxFor({ mode: "workspace-write", workspace: join(configHome, "work"), env: {}, home, configHome, detect: works }).spec!;
    expect(inside.hidden).not.toContain(configHome);
    expect(inside.hidden).toContain(join(home, ".ssh"));
  });

  it("reads sandbox.enabled, network and writable (~ expanded; only in workspace-write)", () => {
    expect(decide("workspace-write", { enabled: false })).toEqual({ status: { state: "disabled-by-setting" } });
    const spec = decide("workspace-write", { network: true, writable: ["~/cache", "/opt/data"] }).spec!;
    expect(spec).toMatchObject({ network: true, writable: [join(home, "cache"), "/opt/data"], workspace, bwrapPath: "/usr/bin/bwrap" });
    expect(decide("read-only", { writable: ["/opt/data"] }).spec!.writable).toEqual([]);
    // Claude Code's object form of network means "off" here
    expect(decide("workspace-write", { network: { allowUnixSockets: ["/x"] } }).spec!.network).toBe(false);
  });

  it("reports why it is unavailable", () => {
    const decision = decide("read-only", {}, () => ({ available: false, reason: "bwrap not found" }));
    expect(decision).toEqual({ status: { state: "unavailable", reason: "bwrap not found" } });
    expect(describeSandboxStatus(decision.status)).toBe("unavailable (bwrap not found); commands run without it, under the permission rules only");
  });

  it("describes every state in one line", () => {
    expect(describeSandboxStatus(decide("workspace-write").status)).toBe("on: the workspace and /tmp are writable, the rest read-only; network off");
    expect(describeSandboxStatus(decide("read-only", { network: true }).status)).toBe("on: the filesystem is read-only but for a fresh /tmp; network on");
    expect(describeSandboxStatus(decide("danger-full-access").status)).toBe("off in danger-full-access mode: commands run without a sandbox");
    expect(describeSandboxStatus(decide("prompt", { enabled: false }).status)).toBe("off: sandbox.enabled is false in the settings; commands run under the permission rules only");
  });
});
