import type { SlashCommand } from "../command-host.js";
import { detectSandboxTools } from "../host-support/detect-sandbox.js";

/** `/sandbox`: which process sandboxes this machine offers, and how Bash commands are confined today. */
export const sandboxCommand: SlashCommand = {
  name: "sandbox",
  category: "Configuration",
  summary: "Show the process sandboxes available on this machine",
  async run(_args, host) {
    const found = detectSandboxTools(host.env);
    const lines = [`Platform: ${process.platform}`];
    if (found.length === 0) {
      const hint = process.platform === "linux" ? " (install bubblewrap or firejail)" : "";
      lines.push(`Sandbox tools: none found on PATH${hint}`);
    } else {
      lines.push("Sandbox tools:", ...found.map((tool) => `  ${tool.name}  ${tool.path}`));
    }
    lines.push(
      `Bash commands run without an OS sandbox; the permission mode (${host.session.permissionMode}) and the allow/deny rules decide what may run.`,
    );
    return { output: lines.join("\n") };
  },
};
