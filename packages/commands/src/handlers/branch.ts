import { CommandError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";
import { hasCommits, requireGitRepository, runGit } from "../support/run-git.js";

/** `/branch [name]`: shows the branches, or switches to a branch (creating it when it does not exist). */
export const branchCommand: SlashCommand = {
  name: "branch",
  category: "Task & Workflow",
  summary: "Show the git branches, or switch to (or create) one",
  usage: "[name]",
  async run(args, host) {
    await requireGitRepository(host);
    const name = args.trim();
    const current = (await runGit(host, ["branch", "--show-current"])).trim();
    if (name === "") {
      const branches = (await runGit(host, ["branch", "--format=%(refname:short)"])).split("\n").filter((line) => line !== "");
      if (branches.length === 0) return { output: `On ${current === "" ? "a detached HEAD" : current} (no commits yet).` };
      const lines = branches.map((branch) => `${branch === current ? "●" : " "} ${branch}`);
      return { output: `Branches:\n${lines.join("\n")}\n\nSwitch or create with /branch <name>.` };
    }
    const valid = await host.git.run(["check-ref-format", "--branch", name]);
    if (valid.exitCode !== 0) throw new CommandError("command_usage", `/branch: "${name}" is not a valid branch name`);
    if (name === current) return { output: `Already on ${name}.` };
    const exists = (await host.git.run(["show-ref", "--verify", "--quiet", `refs/heads/${name}`])).exitCode === 0;
    if (exists) {
      await runGit(host, ["switch", "-q", name]);
      return { output: `Switched to branch ${name}.` };
    }
    const committed = await hasCommits(host);
    await runGit(host, ["switch", "-q", "-c", name]);
    if (!committed) return { output: `Created branch ${name} (no commits yet).` };
    return { output: `Created branch ${name} from ${current === "" ? "HEAD" : current} and switched to it.` };
  },
};
