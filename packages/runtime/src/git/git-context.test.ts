import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collectGitContext, parseGitStatus } from "./git-context.js";

let root: string;
let env: Record<string, string>;

function git(cwd: string, ...args: string[]): void {
  execFileSync("git", args, { cwd, env, stdio: "ignore" });
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "axion-git-"));
  const home = join(root, "home");
  mkdirSync(home);
  env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: join(home, ".gitconfig"),
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

describe("collectGitContext", () => {
  it("reports the branch and the number of changed files of a real repository", async () => {
    const repo = join(root, "repo");
    mkdirSync(repo);
    git(repo, "init", "--quiet", "--initial-branch=main");
    const unborn = await collectGitContext(repo, { env });
    expect(unborn).toMatchObject({ branch: "main", noCommits: true, dirtyFiles: 0 });

    writeFileSync(join(repo, "a.txt"), "a\n");
    git(repo, "add", "a.txt");
    git(repo, "commit", "--quiet", "-m", "first");
    git(repo, "checkout", "--quiet", "-b", "feature/parser");
    const clean = await collectGitContext(repo, { env });
    expect(clean).toMatchObject({ branch: "feature/parser", detached: false, noCommits: false, dirtyFiles: 0, upstream: undefined });

    writeFileSync(join(repo, "a.txt"), "changed\n");
    writeFileSync(join(repo, "b.txt"), "new\n");
    mkdirSync(join(repo, "sub"));
    writeFileSync(join(repo, "sub", "c.txt"), "new\n");
    const dirty = await collectGitContext(join(repo, "sub"), { env });
    expect(dirty).toMatchObject({ branch: "feature/parser", dirtyFiles: 3 });

    git(repo, "checkout", "--quiet", "--detach");
    expect(await collectGitContext(repo, { env })).toMatchObject({ branch: undefined, detached: true });
  });

  it("is undefined outside a repository and when git does not answer in time", async () => {
    const plain = join(root, "plain");
    mkdirSync(plain);
    expect(await collectGitContext(plain, { env })).toBeUndefined();
    expect(await collectGitContext(plain, { env: { ...env, PATH: join(root, "no-such-bin") } })).toBeUndefined();

    // a fake git that hangs: the timeout must end the wait
    const bin = join(root, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "git"), "#!/bin/sh\nexec sleep 10\n", { mode: 0o755 });
    const started = Date.now();
    expect(await collectGitContext(plain, { env: { ...env, PATH: `${bin}:/usr/bin:/bin` }, timeoutMs: 200 })).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("parseGitStatus", () => {
  it("reads upstream, ahead and behind", () => {
    expect(parseGitStatus("## main...origin/main [ahead 2, behind 1]\n M a.ts\n?? b.ts\n")).toEqual({
      branch: "main",
      detached: false,
      noCommits: false,
      upstream: "origin/main",
      ahead: 2,
      behind: 1,
      dirtyFiles: 2,
      statusLine: "main...origin/main [ahead 2, behind 1]",
    });
    expect(parseGitStatus("## dev...origin/dev [gone]\n")).toMatchObject({ branch: "dev", upstream: "origin/dev", ahead: 0, behind: 0 });
    expect(parseGitStatus("## Initial commit on trunk\n")).toMatchObject({ branch: "trunk", noCommits: true });
  });
});
