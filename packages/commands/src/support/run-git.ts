import { CommandError } from "../command-error.js";
import type { CommandHost } from "../command-host.js";

/** Runs git and returns stdout; a non-zero exit becomes a one-line `command_failed` error with git's message. */
export async function runGit(host: CommandHost, args: readonly string[]): Promise<string> {
  const result = await host.git.run(args);
  if (result.exitCode !== 0) {
    const message = firstLine(result.stderr) ?? firstLine(result.stdout) ?? `exit code ${result.exitCode}`;
    throw new CommandError("command_failed", `git ${args[0] ?? ""}: ${message}`);
  }
  return result.stdout;
}

/** Fails with a clear message when the workspace is not inside a git work tree. */
export async function requireGitRepository(host: CommandHost): Promise<void> {
  const result = await host.git.run(["rev-parse", "--is-inside-work-tree"]);
  if (result.exitCode !== 0 || result.stdout.trim() !== "true") {
    throw new CommandError("command_failed", `not a git repository: ${host.cwd}`);
  }
}

/** Whether HEAD points at a commit (false in a repository without commits). */
export async function hasCommits(host: CommandHost): Promise<boolean> {
  const result = await host.git.run(["rev-parse", "--verify", "--quiet", "HEAD"]);
  return result.exitCode === 0;
}

function firstLine(text: string): string | undefined {
  const line = text
    .split("\n")
    .map((entry) => entry.replace(/^(fatal|error):\s*/, "").trim())
    .find((entry) => entry !== "");
  return line;
}
