import { describeSandboxStatus, SANDBOX_PROTECTED_PATHS, sandboxHiddenPaths } from "@axion/runtime";
import type { SlashCommand } from "../command-host.js";
import { sandboxStateOf } from "../host-support/sandbox-state.js";

/** `/sandbox`: whether Bash commands run under bubblewrap now, why, and what the sandbox lets them touch. */
export const sandboxCommand: SlashCommand = {
  name: "sandbox",
  category: "Configuration",
  summary: "Show whether commands run in the bubblewrap sandbox, and what it allows",
  async run(_args, host) {
    const { decision, detection, settings, home } = sandboxStateOf(host);
    const tilde = (path: string): string => (path === home ? "~" : path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path);
    const mode = host.session.permissionMode;
    const lines = [`Sandbox: ${describeSandboxStatus(decision.status)}`];
    lines.push(
      detection.available
        ? `bubblewrap: ${detection.bwrapPath} (${detection.version})`
        : `bubblewrap: ${detection.reason}${detection.reason === "bwrap not found" ? " (install the bubblewrap package)" : ""}`,
    );
    lines.push(`Setting sandbox.enabled: ${settings.enabled === false ? "false" : settings.enabled === true ? "true" : "true (default)"}`);
    lines.push(`Network: ${settings.network === true ? "on" : "off"} (sandbox.network${settings.network === undefined ? ", default off" : ""})`);
    const extras = (settings.writable ?? []).join(", ");
    lines.push(`Writable in workspace-write: the workspace (${host.cwd}), a fresh /tmp${extras === "" ? "" : `, ${extras}`}`);
    lines.push(`Read-only inside the workspace: ${SANDBOX_PROTECTED_PATHS.join(", ")}`);
    const hidden = sandboxHiddenPaths({ workspace: host.cwd, home, configHome: host.configHome }).map(tilde);
    lines.push(`Hidden: ${hidden.length === 0 ? "nothing here to hide" : hidden.join(", ")}`);
    lines.push(
      `This mode (${mode}): ${decision.spec ? `${decision.spec.mode} sandbox` : "no sandbox"}. By mode: read-only → read-only sandbox; workspace-write, prompt → workspace-write sandbox; danger-full-access, allow → none.`,
    );
    lines.push("Not sandboxed: hooks, plugin tools and MCP servers (they run with your permissions).");
    return { output: lines.join("\n") };
  },
};
