import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { gitFilterOverrides, safeGitArgs, safeGitEnv } from "./safe-git.js";

/** What `git status --short --branch` says about a working tree. */
export interface GitContext {
  /** The checked-out branch; undefined when HEAD is detached. */
  branch: string | undefined;
  detached: boolean;
  /** True in a repository without commits yet. */
  noCommits: boolean;
  upstream: string | undefined;
  ahead: number;
  behind: number;
  /** Changed, staged, deleted or untracked paths (one per status line). */
  dirtyFiles: number;
  /** The `## …` line as git printed it, without the `## `. */
  statusLine: string;
}

export interface CollectGitContextOptions {
  /** Kill git after this long and report nothing (default 2 000 ms). */
  timeoutMs?: number | undefined;
  /** Environment for git (default `process.env`); the locale is forced to C so the output parses. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** Parses the output of `git status --short --branch`. */
export function parseGitStatus(output: string): GitContext {
  const lines = output.split("\n");
  const first = lines[0] ?? "";
  const statusLine = first.startsWith("## ") ? first.slice(3) : "";
  const dirtyFiles = lines.slice(statusLine === "" ? 0 : 1).filter((line) => line.trim() !== "").length;
  return { ...parseBranchLine(statusLine), dirtyFiles, statusLine };
}

function parseBranchLine(line: string): Omit<GitContext, "dirtyFiles" | "statusLine"> {
  const result: Omit<GitContext, "dirtyFiles" | "statusLine"> = {
    branch: undefined,
    detached: false,
    noCommits: false,
    upstream: undefined,
    ahead: 0,
    behind: 0,
  };
  let rest = line;
  const unborn = /^(?:No commits yet on|Initial commit on) (.+)$/.exec(rest);
  if (unborn) {
    result.branch = unborn[1];
    result.noCommits = true;
    return result;
  }
  if (rest.startsWith("HEAD (no branch)")) {
    result.detached = true;
    return result;
  }
  const tracking = / \[([^\]]*)\]$/.exec(rest);
  if (tracking) {
    rest = rest.slice(0, tracking.index);
    const ahead = /ahead (\d+)/.exec(tracking[1] ?? "");
    const behind = /behind (\d+)/.exec(tracking[1] ?? "");
    if (ahead) result.ahead = Number(ahead[1]);
    if (behind) result.behind = Number(behind[1]);
  }
  const split = rest.indexOf("...");
  if (split === -1) {
    result.branch = rest === "" ? undefined : rest;
  } else {
    result.branch = rest.slice(0, split);
    result.upstream = rest.slice(split + 3);
  }
  return result;
}

/**
 * Runs `git --no-optional-locks status --short --branch` once in `cwd`, with `SAFE_GIT_ARGS` (no fsmonitor, hooks,
 * pager or external diff from the repository's config). Resolves to undefined when `cwd` is not in
 * a repository, git is missing, or git does not answer within the timeout. Output is counted as it streams, so a
 * tree with many changes costs no memory.
 */
export async function collectGitContext(cwd: string, options: CollectGitContextOptions = {}): Promise<GitContext | undefined> {
  // filter drivers of the repository's config are turned off: status would run their clean commands
  const filters = await gitFilterOverrides(cwd, options.env ?? process.env, options.timeoutMs ?? 2_000);
  if (filters === undefined) return undefined;
  const timeoutMs = options.timeoutMs ?? 2_000;
  // the repository's own config must not run anything (core.fsmonitor, hooks, pager, external diff)
  const env = { ...safeGitEnv(options.env ?? process.env), LC_ALL: "C", LANG: "C", GIT_OPTIONAL_LOCKS: "0" };
  return new Promise((resolvePromise) => {
    let settled = false;
    const finish = (value: GitContext | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise(value);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn("git", safeGitArgs([...filters, "--no-optional-locks", "status", "--short", "--branch"]), {
        cwd,
        env,
        stdio: ["ignore", "pipe", "ignore"],
      });
    } catch {
      resolvePromise(undefined);
      return;
    }
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(undefined);
    }, timeoutMs);
    let head = "";
    let headDone = false;
    let newlines = 0;
    let sawOutput = false;
    let endsWithNewline = true;
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => {
      if (chunk.length === 0) return;
      if (!headDone) {
        head += chunk;
        const newline = head.indexOf("\n");
        if (newline !== -1) {
          head = head.slice(0, newline);
          headDone = true;
        }
      }
      newlines += countLines(chunk);
      sawOutput = true;
      endsWithNewline = chunk.endsWith("\n");
    });
    child.on("error", () => finish(undefined));
    child.on("close", (code) => {
      if (code !== 0) {
        finish(undefined);
        return;
      }
      const lines = newlines + (sawOutput && !endsWithNewline ? 1 : 0);
      const parsed = parseGitStatus(head);
      finish({ ...parsed, dirtyFiles: Math.max(0, head.startsWith("## ") ? lines - 1 : lines) });
    });
  });
}

function countLines(text: string): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) count += 1;
  return count;
}

const snapshots = new Map<string, Promise<GitContext | undefined>>();

/**
 * `collectGitContext` run once per working directory for the life of the process: the system prompt then stays the
 * same from turn to turn, so the provider's prompt cache keeps hitting. `refresh` runs git again.
 */
export function gitContextSnapshot(
  cwd: string,
  options: CollectGitContextOptions & { refresh?: boolean | undefined } = {},
): Promise<GitContext | undefined> {
  const key = resolve(cwd);
  let snapshot = snapshots.get(key);
  if (snapshot === undefined || options.refresh === true) {
    snapshot = collectGitContext(key, options);
    snapshots.set(key, snapshot);
  }
  return snapshot;
}
