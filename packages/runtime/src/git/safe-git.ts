import { spawn } from "node:child_process";

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

/**
 * `-c filter.<name>.clean= -c filter.<name>.smudge= -c filter.<name>.process=` for every filter driver the repository's
 * config defines: `git status` runs a driver's clean command on files whose content it must hash, and a hostile
 * `.git/config` with a `.gitattributes` line would run code through it. Reading the config runs nothing; an empty
 * command turns the driver off. Resolves to [] outside a repository or when git is missing, and to undefined when
 * git does not answer within `timeoutMs` (then nothing else should be asked of it).
 */
export function gitFilterOverrides(
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  timeoutMs = 2_000,
): Promise<string[] | undefined> {
  return new Promise((resolvePromise) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn("git", ["config", "--null", "--name-only", "--get-regexp", "^filter\\."], { cwd, env: safeGitEnv(env), stdio: ["ignore", "pipe", "ignore"] });
    } catch {
      resolvePromise([]);
      return;
    }
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolvePromise(undefined);
    }, timeoutMs);
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", () => {
      clearTimeout(timer);
      resolvePromise([]);
    });
    child.on("close", () => {
      clearTimeout(timer);
      const drivers = new Set<string>();
      for (const key of output.split("\0")) {
        const match = /^filter\.(.+)\.[^.]+$/s.exec(key);
        if (match?.[1] !== undefined) drivers.add(match[1]);
      }
      resolvePromise([...drivers].flatMap((driver) => ["clean", "smudge", "process"].flatMap((kind) => ["-c", `filter.${driver}.${kind}=`])));
    });
  });
}

/** `env` without the variables that make git run other programs (`UNSAFE_GIT_ENV`); undefined values dropped. */
export function safeGitEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && !UNSAFE_GIT_ENV.includes(key)) result[key] = value;
  }
  return result;
}
