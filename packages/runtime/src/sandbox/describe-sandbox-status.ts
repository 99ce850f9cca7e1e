import type { SandboxStatus } from "./sandbox-for.js";

/** One line for a person: whether commands run in the sandbox now, and why. */
export function describeSandboxStatus(status: SandboxStatus): string {
  switch (status.state) {
    case "enabled":
      return `on: ${status.mode === "read-only" ? "the filesystem is read-only but for a fresh /tmp" : "the workspace and /tmp are writable, the rest read-only"}; network ${status.network ? "on" : "off"}`;
    case "disabled-by-setting":
      return "off: sandbox.enabled is false in the settings; commands run under the permission rules only";
    case "unavailable":
      return `unavailable (${status.reason}); commands run without it, under the permission rules only`;
    case "off-in-this-mode":
      return `off in ${status.permissionMode} mode: commands run without a sandbox`;
  }
}
