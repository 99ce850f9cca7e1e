/**
 * Options put before every git command axion itself runs, in any folder: a repository's own config (a cloned or
 * unpacked `.git/config`) must not run code through them. No pager, no fsmonitor hook, no hooks at all, no
 * external diff program.
 */
export const SAFE_GIT_ARGS: readonly string[] = [
  "--no-pager",
  "-c",
  "core.fsmonitor=false",
  "-c",
  "core.hooksPath=/dev/null",
  "-c",
  "diff.external=",
  "-c",
  "core.pager=cat",
];

/** Added after the subcommand of commands that can show diffs: no external diff driver, no textconv filter. */
export const SAFE_GIT_DIFF_ARGS: readonly string[] = ["--no-ext-diff", "--no-textconv"];

/** Environment variables that make git run another program; removed from the environment of axion's git calls. */
export const UNSAFE_GIT_ENV: readonly string[] = ["GIT_EXTERNAL_DIFF", "GIT_PAGER", "GIT_SSH_COMMAND", "PAGER"];

const DIFF_SUBCOMMANDS = new Set(["diff", "show", "log", "whatchanged", "diff-tree", "diff-index", "diff-files", "format-patch"]);
/** Global options that take their value as the next argument. */
const OPTIONS_WITH_VALUE = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env"]);

/**
 * `git <args>` made safe: `SAFE_GIT_ARGS` first, and `SAFE_GIT_DIFF_ARGS` right after a diff-like subcommand
 * (`diff`, `show`, `log`, …).
 */
export function safeGitArgs(args: readonly string[]): string[] {
  const result = [...SAFE_GIT_ARGS];
  let index = 0;
  while (index < args.length && args[index]!.startsWith("-")) {
    result.push(args[index]!);
    if (OPTIONS_WITH_VALUE.has(args[index]!) && index + 1 < args.length) {
      result.push(args[index + 1]!);
      index += 1;
    }
    index += 1;
  }
  if (index < args.length) {
    const subcommand = args[index]!;
    result.push(subcommand);
    if (DIFF_SUBCOMMANDS.has(subcommand)) result.push(...SAFE_GIT_DIFF_ARGS);
    result.push(...args.slice(index + 1));
  }
  return result;
}

/** `env` without the variables that make git run other programs (`UNSAFE_GIT_ENV`); undefined values dropped. */
export function safeGitEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && !UNSAFE_GIT_ENV.includes(key)) result[key] = value;
  }
  return result;
}
