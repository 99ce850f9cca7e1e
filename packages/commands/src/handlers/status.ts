import { getModelInfo, totalTokens } from "@axion/api";
import { estimateTokens, formatCost, parseGitStatus } from "@axion/runtime";
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
