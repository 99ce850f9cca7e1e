import { basename } from "node:path";
import { CommandError } from "../command-error.js";
import type { CommandHost, SlashCommand } from "../command-host.js";
import { requireGitRepository, runGit } from "../support/run-git.js";
import { plural } from "../text/format-text.js";

/** Session files are never committed, even when .gitignore does not list them. */
const EXCLUDED = ":(exclude).axion/sessions";

/** A message from the staged changes: `Add|Remove|Update <up to 3 files> (+N -M)`. */
export async function suggestCommitMessage(host: CommandHost): Promise<string> {
  const statuses = (await runGit(host, ["diff", "--cached", "--name-status", "--no-renames"]))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [status = "", ...rest] = line.split("\t");
      return { status: status.charAt(0), file: rest.join("\t") };
    });
  let added = 0;
  let removed = 0;
  for (const line of (await runGit(host, ["diff", "--cached", "--numstat", "--no-renames"])).split("\n")) {
    const [plus, minus] = line.split("\t");
    if (plus !== undefined && /^\d+$/.test(plus)) added += Number(plus);
    if (minus !== undefined && /^\d+$/.test(minus)) removed += Number(minus);
  }
  const verb = statuses.every((entry) => entry.status === "A") ? "Add" : statuses.every((entry) => entry.status === "D") ? "Remove" : "Update";
  const names = statuses.map((entry) => basename(entry.file));
  const shown = names.slice(0, 3).join(", ") + (names.length > 3 ? ` and ${names.length - 3} more` : "");
  return `${verb} ${shown} (+${added} -${removed})`;
}

/** `/commit [message]`: stages every change (session files excepted) and commits it. */
export const commitCommand: SlashCommand = {
  name: "commit",
  category: "Task & Workflow",
  summary: "Stage all changes and commit them",
  usage: "[message]",
  details: "Runs git add -A (leaving out .axion/sessions) and git commit. Without a message one is made from the changed files, e.g. \"Update app.ts, util.ts (+12 -3)\".",
  async run(args, host) {
    await requireGitRepository(host);
    const ignored = (await host.git.run(["check-ignore", "-q", ".axion/sessions/"])).exitCode === 0;
    await runGit(host, ignored ? ["add", "-A"] : ["add", "-A", "--", ":/", EXCLUDED]);
    const staged = (await runGit(host, ["diff", "--cached", "--name-only"])).split("\n").filter((line) => line.trim() !== "");
    if (staged.length === 0) return { output: "Nothing to commit: the working tree is clean." };
    const message = args.trim() === "" ? await suggestCommitMessage(host) : args.trim();
    const result = await host.git.run(["commit", "-q", "-m", message]);
    if (result.exitCode !== 0) {
      const reason = (result.stderr.trim() || result.stdout.trim()).split("\n")[0] ?? `exit code ${result.exitCode}`;
      throw new CommandError("command_failed", `git commit failed: ${reason} (the changes stay staged)`);
    }
    const head = (await runGit(host, ["log", "-1", "--format=%h"])).trim();
    return { output: `Committed ${head}: ${message} (${plural(staged.length, "file")})` };
  },
};
