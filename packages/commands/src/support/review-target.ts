import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { CommandError } from "../command-error.js";
import type { CommandHost } from "../command-host.js";
import { fenced, truncateText } from "../text/format-text.js";
import { hasCommits, requireGitRepository, runGit } from "./run-git.js";

/** Diffs longer than this are cut before they go into a prompt. */
export const PROMPT_DIFF_LIMIT = 20_000;

/** What a review looks at: a file the model reads itself, or a diff put into the prompt. */
export type ReviewTarget = { kind: "file"; path: string } | { kind: "diff"; label: string; diff: string };

/**
 * Resolves `/review` and `/security-review` arguments: nothing (uncommitted changes), a file or folder, a range
 * (`main..feature`) or a revision (`HEAD~2`, changes since it).
 */
export async function resolveReviewTarget(host: CommandHost, argument: string, command: string): Promise<ReviewTarget> {
  const target = argument.trim();
  if (target !== "" && !target.startsWith("-") && existsSync(resolve(host.cwd, target))) return { kind: "file", path: target };
  await requireGitRepository(host);
  if (target === "") {
    const base = (await hasCommits(host)) ? ["diff", "HEAD"] : ["diff", "--cached"];
    const diff = await runGit(host, ["--no-pager", ...base, "--no-color", "--no-ext-diff"]);
    const untracked = (await runGit(host, ["ls-files", "--others", "--exclude-standard"])).split("\n").filter((line) => line !== "");
    if (diff.trim() === "" && untracked.length === 0) {
      throw new CommandError("command_failed", `Nothing to review: no uncommitted changes. Name a file or a revision: /${command} <file> or /${command} HEAD~1`);
    }
    const extra = untracked.length === 0 ? "" : `\n\nNew files not yet tracked by git (read them too): ${untracked.join(", ")}`;
    return { kind: "diff", label: "the uncommitted changes", diff: `${truncateText(diff.trimEnd(), PROMPT_DIFF_LIMIT, "read the files for the rest")}${extra}` };
  }
  if (target.startsWith("-")) throw new CommandError("command_usage", `/${command}: "${target}" is neither a file nor a git revision`);
  const revisions = target.includes("..") ? target.split(/\.{2,3}/).filter((part) => part !== "") : [target];
  for (const revision of revisions) {
    const check = await host.git.run(["rev-parse", "--verify", "--quiet", `${revision}^{commit}`]);
    if (check.exitCode !== 0) throw new CommandError("command_usage", `/${command}: "${target}" is neither a file nor a git revision`);
  }
  const diff = await runGit(host, ["--no-pager", "diff", "--no-color", "--no-ext-diff", target, "--"]);
  if (diff.trim() === "") throw new CommandError("command_failed", `Nothing to review: no changes in ${target}.`);
  const label = target.includes("..") ? `the changes in ${target}` : `the changes since ${target}`;
  return { kind: "diff", label, diff: truncateText(diff.trimEnd(), PROMPT_DIFF_LIMIT, "read the files for the rest") };
}

/** The part of a prompt that names what to look at. */
export function targetSection(target: ReviewTarget): string {
  if (target.kind === "file") return `Read ${target.path} (all of it; if it is a folder, the source files in it) and review it.`;
  return `Review ${target.label}:\n\n${fenced(target.diff, "diff")}`;
}
