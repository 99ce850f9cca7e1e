import { CommandError, usageError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";
import { hasCommits, requireGitRepository, runGit } from "../support/run-git.js";

const USAGE = "[last | hard | <file>]";

/**
 * `/undo [last | hard | <file>]`: `last` (default) undoes the last commit and keeps its changes staged; `hard`
 * drops the last commit and every uncommitted change; a file is restored from HEAD.
 */
export const undoCommand: SlashCommand = {
  name: "undo",
  category: "Task & Workflow",
  summary: "Undo the last commit, or restore a file from HEAD",
  usage: USAGE,
  details: [
    "/undo, /undo last  undo the last commit; its changes stay staged (git reset --soft HEAD~1)",
    "/undo hard         drop the last commit AND all uncommitted changes (git reset --hard HEAD~1)",
    "/undo <file>       restore one file to its committed state (git restore --source=HEAD)",
  ].join("\n"),
  argumentCompletions: (args) => ["last", "hard"].filter((entry) => entry.startsWith(args.trim())),
  async run(args, host) {
    await requireGitRepository(host);
    if (!(await hasCommits(host))) throw new CommandError("command_failed", "Nothing to undo: the repository has no commits yet.");
    const target = args.trim();
    if (target === "" || target === "last" || target === "hard") {
      const parent = await host.git.run(["rev-parse", "--verify", "--quiet", "HEAD~1"]);
      if (parent.exitCode !== 0) throw new CommandError("command_failed", "Cannot undo the first commit of the repository.");
      const subject = (await runGit(host, ["log", "-1", "--format=%h %s"])).trim();
      if (target === "hard") {
        await runGit(host, ["reset", "-q", "--hard", "HEAD~1"]);
        return { output: `Dropped commit ${subject} and all uncommitted changes.` };
      }
      await runGit(host, ["reset", "-q", "--soft", "HEAD~1"]);
      return { output: `Undid commit ${subject}; its changes are staged.` };
    }
    if (target.startsWith("-")) throw usageError("undo", USAGE, `"${target}" is not a file`);
    const known = await host.git.run(["cat-file", "-e", `HEAD:./${target}`]);
    if (known.exitCode !== 0) throw new CommandError("command_failed", `${target} is not in the last commit; nothing to restore.`);
    await runGit(host, ["restore", "--source=HEAD", "--staged", "--worktree", "--", target]);
    return { output: `Restored ${target} from HEAD.` };
  },
};
