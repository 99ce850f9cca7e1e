import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectGitContext } from "./git-context.js";
import { SAFE_GIT_ARGS, safeGitArgs, safeGitEnv } from "./safe-git.js";

describe("safeGitArgs", () => {
  it("puts the safe options first and no external diff or textconv after diff-like subcommands", () => {
    expect(safeGitArgs(["--no-optional-locks", "status", "--short"])).toEqual([...SAFE_GIT_ARGS, "--no-optional-locks", "status", "--short"]);
    expect(safeGitArgs(["diff", "HEAD"])).toEqual([...SAFE_GIT_ARGS, "diff", "--no-ext-diff", "--no-textconv", "HEAD"]);
    expect(safeGitArgs(["-C", "sub", "log", "-1"])).toEqual([...SAFE_GIT_ARGS, "-C", "sub", "log", "--no-ext-diff", "--no-textconv", "-1"]);
    expect(safeGitArgs(["--version"])).toEqual([...SAFE_GIT_ARGS, "--version"]);
  });

  it("drops the variables that make git run other programs", () => {
    expect(safeGitEnv({ PATH: "/bin", GIT_EXTERNAL_DIFF: "x", GIT_PAGER: "y", GIT_SSH_COMMAND: "z", PAGER: "p", EMPTY: undefined })).toEqual({ PATH: "/bin" });
  });
});

describe("axion's git calls and a hostile .git/config", () => {
  let root: string;
  let env: Record<string, string>;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "axion-safe-git-"));
    mkdirSync(join(root, "home"));
    env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: join(root, "home"),
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: join(root, "home", ".gitconfig"),
      GIT_AUTHOR_NAME: "Test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "Test",
      GIT_COMMITTER_EMAIL: "test@example.com",
      GIT_CEILING_DIRECTORIES: root,
    };
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it("does not run core.fsmonitor, which a plain git status would run", async () => {
    const repo = join(root, "repo");
    mkdirSync(repo);
    execFileSync("git", ["init", "-q"], { cwd: repo, env });
    writeFileSync(join(repo, "a.txt"), "a\n");
    execFileSync("git", ["add", "."], { cwd: repo, env });
    execFileSync("git", ["commit", "-q", "-m", "one"], { cwd: repo, env });
    const marker = join(root, "fsmonitor-ran");
    const script = join(root, "fsmonitor.sh");
    writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(script, 0o755);
    execFileSync("git", ["config", "core.fsmonitor", script], { cwd: repo, env });

    const context = await collectGitContext(repo, { env });
    expect(context?.dirtyFiles).toBe(0);
    expect(existsSync(marker)).toBe(false);
    // the same status without the safe options does run it: the check above can fail
    spawnSync("git", ["status", "--short"], { cwd: repo, env });
    expect(existsSync(marker)).toBe(true);
  });
});

describe("filter drivers of a hostile .git/config", () => {
  it("are turned off for axion's git status, which a plain git status would run", async () => {
    const root = mkdtempSync(join(tmpdir(), "axion-safe-filter-"));
    try {
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: root,
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_CONFIG_GLOBAL: join(root, ".gitconfig"),
        GIT_AUTHOR_NAME: "Test",
        GIT_AUTHOR_EMAIL: "test@example.com",
        GIT_COMMITTER_NAME: "Test",
        GIT_COMMITTER_EMAIL: "test@example.com",
      };
      const repo = join(root, "repo");
      mkdirSync(repo);
      execFileSync("git", ["init", "-q"], { cwd: repo, env });
      writeFileSync(join(repo, ".gitattributes"), "*.txt filter=evil\n");
      writeFileSync(join(repo, "a.txt"), "hi\n");
      execFileSync("git", ["add", "."], { cwd: repo, env });
      execFileSync("git", ["commit", "-q", "-m", "one"], { cwd: repo, env });
      const marker = join(root, "filter-ran");
      execFileSync("git", ["config", "filter.evil.clean", `touch '${marker}'; cat`], { cwd: repo, env });
      // same size, newer mtime: git must hash the content, through the clean filter
      await new Promise((resolve) => setTimeout(resolve, 1100));
      writeFileSync(join(repo, "a.txt"), "ho\n");

      const context = await collectGitContext(repo, { env });
      expect(context?.dirtyFiles).toBe(1);
      expect(existsSync(marker)).toBe(false);
      spawnSync("git", ["status", "--short"], { cwd: repo, env });
      expect(existsSync(marker)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
