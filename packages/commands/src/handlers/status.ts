import { getModelInfo, totalTokens } from "@axion/api";
import { homedir } from "node:os";
import { estimateTokens, formatCost, parseGitStatus, workspaceTrust } from "@axion/runtime";
import type { CommandHost, SlashCommand } from "../command-host.js";
import { readSessionMeta } from "../support/session-meta.js";
import { formatCount, formatTable, plural } from "../text/format-text.js";

/** The git line of `/status`: branch and changed files, or why there is none. */
export async function gitSummary(host: CommandHost): Promise<string> {
  let result;
  try {
    result = await host.git.run(["--no-optional-locks", "status", "--short", "--branch"]);
  } catch (error) {
    return (error as Error).message;
  }
  if (result.exitCode !== 0) return "not a git repository";
  const status = parseGitStatus(result.stdout);
  const branch = status.detached ? "detached HEAD" : (status.branch ?? "unknown branch");
  const changes = status.dirtyFiles === 0 ? "clean" : `${plural(status.dirtyFiles, "changed file")}`;
  const sync = [status.ahead > 0 ? `ahead ${status.ahead}` : "", status.behind > 0 ? `behind ${status.behind}` : ""].filter(Boolean).join(", ");
  return `${branch}${status.noCommits ? " (no commits yet)" : ""}, ${changes}${sync === "" ? "" : `, ${sync}`}`;
}

/**
 * The trust line of `/status`: whether this folder's own hooks, MCP servers, plugins, env and grants are loaded, and
 * why. The config was loaded with the real answer, so an untrusted folder is the one whose config reports skips.
 */
export function trustSummary(host: Pick<CommandHost, "cwd" | "env" | "configHome" | "config">): string {
  if (host.config.untrusted !== undefined) {
    const skipped = host.config.untrusted.skipped;
    return `not trusted${skipped.length > 0 ? ` (not loaded: ${skipped.join(", ")})` : ""}; run "axion trust" to trust it`;
  }
  const trust = workspaceTrust({ cwd: host.cwd, home: host.env["HOME"] || homedir(), configHome: host.configHome });
  if (!trust.trusted) return "trusted for this run (--trust-workspace)";
  return trust.via === "claude-code" ? `trusted (Claude Code's record for ${trust.path})` : `trusted (axion trust ${trust.path})`;
}

/** `/status`: the session, model, permissions, context use, cost and git state at a glance. */
export const statusCommand: SlashCommand = {
  name: "status",
  category: "Core",
  summary: "Show the session, model, permissions, usage and git state",
  async run(_args, host) {
    const session = host.session;
    const window = getModelInfo(session.model).contextWindow;
    const estimated = estimateTokens(session.messages);
    const meta = readSessionMeta(session.path);
    const rows: string[][] = [
      ["Session", `${session.id} (${session.path})`],
      ["Model", `${session.model} (${session.provider})`],
      ["Permission mode", session.permissionMode],
      ["Trust", trustSummary(host)],
      ["Plan mode", session.planMode ? "on" : "off"],
      ["Messages", `${formatCount(session.messages.length)} (about ${formatCount(estimated)} of ${formatCount(window)} context tokens)`],
      ["Usage", `${formatCount(totalTokens(session.usage))} tokens in ${plural(session.turns, "model call")}, ${formatCost(session.costUsd)}`],
      ["Compactions", formatCount(session.compactions)],
    ];
    if (meta?.parent !== undefined) {
      rows.push(["Forked from", `${meta.parent.session_id}${meta.parent.branch === undefined ? "" : ` (branch ${meta.parent.branch})`}`]);
    }
    rows.push(["Workspace", host.cwd], ["Git", await gitSummary(host)]);
    return { output: formatTable(rows) };
  },
};
