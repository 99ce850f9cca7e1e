import { spawn } from "node:child_process";
import { gitFilterOverrides, safeGitArgs, safeGitEnv } from "@axion/runtime";
import type { CommandGit, GitRunResult } from "../command-host.js";

export interface GitRunnerOptions {
  cwd: string;
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Kill git after this long (default 30 s). */
  timeoutMs?: number | undefined;
}

/**
 * Runs the real `git` binary in `cwd`, with the locale forced to C so its messages parse, and `SAFE_GIT_ARGS` so the
 * repository's config runs no program of its own (fsmonitor, hooks, pager, external diff). Never prompts.
 */
export function createGitRunner(options: GitRunnerOptions): CommandGit {
  return {
    async run(args) {
      // filter drivers of the repository's config are turned off: status, diff and add would run them
      const filters = await gitFilterOverrides(options.cwd, options.env ?? process.env, options.timeoutMs ?? 30_000);
      if (filters === undefined) throw new Error("git did not answer (reading the repository's config timed out)");
      return new Promise<GitRunResult>((resolve, reject) => {
        // the repository's own config must not run anything: no fsmonitor, hooks, pager or external diff
        const env = safeGitEnv(options.env ?? process.env);
        env["LC_ALL"] = "C";
        env["GIT_TERMINAL_PROMPT"] = "0";
        const child = spawn("git", safeGitArgs([...filters, ...args]), { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
        const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30_000);
        child.on("error", (error: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          reject(new Error(error.code === "ENOENT" ? "git is not installed (not found on PATH)" : `cannot run git: ${error.message}`));
        });
        child.on("close", (code, signal) => {
          clearTimeout(timer);
          resolve({
            stdout: Buffer.concat(stdout).toString("utf8"),
            stderr: Buffer.concat(stderr).toString("utf8") + (signal === null ? "" : `git was killed (${signal})`),
            exitCode: code ?? 1,
          });
        });
      });
    },
  };
}
