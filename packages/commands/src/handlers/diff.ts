import type { SlashCommand } from "../command-host.js";
import { requireGitRepository, runGit } from "../support/run-git.js";
import { truncateText } from "../text/format-text.js";

const SECTION_LIMIT = 20_000;

/** `/diff`: staged and unstaged changes of the working tree (`git diff --cached` and `git diff`). */
export const diffCommand: SlashCommand = {
  name: "diff",
  category: "Task & Workflow",
  summary: "Show the staged and unstaged git changes",
  async run(_args, host) {
    await requireGitRepository(host);
    const staged = await runGit(host, ["--no-pager", "diff", "--cached", "--no-color", "--no-ext-diff"]);
    const unstaged = await runGit(host, ["--no-pager", "diff", "--no-color", "--no-ext-diff"]);
    const untracked = (await runGit(host, ["ls-files", "--others", "--exclude-standard"])).split("\n").filter((line) => line !== "");
    if (staged.trim() === "" && unstaged.trim() === "" && untracked.length === 0) return { output: "No changes: the working tree matches HEAD." };
    const sections: string[] = [];
    if (staged.trim() !== "") sections.push(`Staged changes:\n${truncateText(staged.trimEnd(), SECTION_LIMIT, "run git diff --cached to see all")}`);
    if (unstaged.trim() !== "") sections.push(`Unstaged changes:\n${truncateText(unstaged.trimEnd(), SECTION_LIMIT, "run git diff to see all")}`);
    if (untracked.length > 0) sections.push(`Untracked files:\n${untracked.map((file) => `  ${file}`).join("\n")}`);
    return { output: sections.join("\n\n") };
  },
};
