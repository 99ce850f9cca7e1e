import { join } from "node:path";
import type { PermissionMode } from "../permission-mode.js";
import { detectSandbox, type SandboxDetection } from "./detect-sandbox.js";
import { sandboxHiddenPaths } from "./sandbox-hidden-paths.js";
import type { SandboxSettings } from "./sandbox-settings.js";
import type { SandboxSpec } from "./sandbox-spec.js";

/** Why commands do or do not run in the sandbox right now. */
export type SandboxStatus =
  | { state: "enabled"; mode: SandboxSpec["mode"]; network: boolean }
  | { state: "disabled-by-setting" }
  | { state: "unavailable"; reason: string }
  | { state: "off-in-this-mode"; permissionMode: PermissionMode };

export interface SandboxDecision {
  /** The sandbox every command of a call gets; undefined when commands run without one. */
  spec?: SandboxSpec | undefined;
  status: SandboxStatus;
}

export interface SandboxForOptions {
  /** The session's permission mode at the time of the call. */
  mode: PermissionMode;
  /** The merged `sandbox` settings. */
  settings?: SandboxSettings | undefined;
  workspace: string;
  /** Environment used to find `bwrap` (its PATH). */
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  configHome: string;
  /** Replaces the bwrap probe (tests). */
  detect?: (() => SandboxDetection) | undefined;
}

/**
 * The one answer to "which sandbox does a command get now", shared by the tool context, `/sandbox` and `doctor`:
 * read-only → a read-only sandbox; workspace-write and prompt → a workspace-write sandbox; danger-full-access and
 * allow → none. `sandbox.enabled: false` turns it off; a missing or failing bwrap leaves it off with the reason.
 */
export function sandboxFor(options: SandboxForOptions): SandboxDecision {
  const sandboxMode = sandboxModeFor(options.mode);
  if (sandboxMode === undefined) return { status: { state: "off-in-this-mode", permissionMode: options.mode } };
  if (options.settings?.enabled === false) return { status: { state: "disabled-by-setting" } };
  const detection = (options.detect ?? (() => detectSandbox(options.env)))();
  if (!detection.available) return { status: { state: "unavailable", reason: detection.reason } };
  const network = options.settings?.network === true;
  const spec: SandboxSpec = {
    mode: sandboxMode,
    workspace: options.workspace,
    writable: sandboxMode === "workspace-write" ? (options.settings?.writable ?? []).map((path) => expandHome(path, options.home)) : [],
    network,
    hidden: sandboxHiddenPaths({ workspace: options.workspace, home: options.home, configHome: options.configHome }),
    bwrapPath: detection.bwrapPath,
  };
  return { spec, status: { state: "enabled", mode: sandboxMode, network } };
}

function sandboxModeFor(mode: PermissionMode): SandboxSpec["mode"] | undefined {
  if (mode === "read-only") return "read-only";
  if (mode === "workspace-write" || mode === "prompt") return "workspace-write";
  return undefined;
}

function expandHome(path: string, home: string): string {
  if (path === "~") return home;
  return path.startsWith("~/") ? join(home, path.slice(2)) : path;
}
