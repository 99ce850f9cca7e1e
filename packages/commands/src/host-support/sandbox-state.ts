import { homedir } from "node:os";
import { detectSandbox, sandboxFor, type SandboxDecision, type SandboxDetection, type SandboxSettings } from "@axion/runtime";
import type { CommandHost } from "../command-host.js";

/** The sandbox as the session's commands get it now, with what bubblewrap reported. */
export interface SandboxState {
  decision: SandboxDecision;
  /** What probing bwrap found (once per process; off Linux: unavailable with the reason). */
  detection: SandboxDetection;
  settings: SandboxSettings;
  home: string;
}

/** Computes the sandbox from the host's merged settings and the session's current permission mode (`sandboxFor`). */
export function sandboxStateOf(host: Pick<CommandHost, "cwd" | "env" | "configHome" | "config" | "session">): SandboxState {
  const home = host.env["HOME"] || homedir();
  const settings = host.config.merged.sandbox ?? {};
  const detection = detectSandbox(host.env);
  const decision = sandboxFor({
    mode: host.session.permissionMode,
    settings,
    workspace: host.cwd,
    env: host.env,
    home,
    configHome: host.configHome,
    detect: () => detection,
  });
  return { decision, detection, settings, home };
}
