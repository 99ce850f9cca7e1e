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

/** What `sandboxStateOf` reads; a `CommandHost` fits, and so does the CLI's view of a session. */
export interface SandboxStateHost extends Pick<CommandHost, "cwd" | "env" | "configHome"> {
  config: Pick<CommandHost["config"], "merged">;
  session: Pick<CommandHost["session"], "permissionMode">;
}

/** Computes the sandbox from the host's merged settings and the session's current permission mode (`sandboxFor`). */
export function sandboxStateOf(host: SandboxStateHost): SandboxState {
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
