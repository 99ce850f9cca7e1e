import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDangerousCommand } from "./dangerous-command-guard.js";
import { analyzeShellCommand } from "./shell-analysis.js";

const options = { cwd: "/home/user/project", home: "/home/user" };
const match = async (command: string) => findDangerousCommand(await analyzeShellCommand(command, options), options);
const guardOf = async (command: string) => (await match(command))?.guard;
const descriptionOf = async (command: string) => (await match(command))?.description;

describe("findDangerousCommand", () => {
  it.each([
    "git reset --hard",
    "git reset --hard HEAD~3",
    "git -C sub reset --hard origin/main",
    "git -c core.x=1 reset --hard",
  ])("guards %j as git reset --hard", async (command) => {
    expect(await guardOf(command)).toBe("git reset --hard");
  });

  it.each(["git clean -f", "git clean -fd", "git clean -xdf", "git clean --force -d", "git clean -d -f"])(
    "guards %j as git clean -f",
    async (command) => {
      expect(await guardOf(command)).toBe("git clean -f");
    },
  );

  it.each([
    "git push --force",
    "git push -f origin main",
    "git push origin main --force-with-lease",
    "git push --force-with-lease=main:abc origin",
    "git push -fu origin main",
    "git push origin +main",
  ])("guards %j as git push --force", async (command) => {
    expect(await guardOf(command)).toBe("git push --force");
  });

  it.each([
    ["rm -rf /", "rm -rf of /"],
    ["rm -fr /", "rm -rf of /"],
    ["rm -r -f /", "rm -rf of /"],
    ["rm --recursive --force /", "rm -rf of /"],
    ["rm -rf /*", "rm -rf of /"],
    ["rm -Rf ~", "rm -rf of the home directory"],
    ["rm -rf ~/", "rm -rf of the home directory"],
    ["rm -rf $HOME", "rm -rf of a path that cannot be resolved statically ($HOME)"],
    ['rm -rf "${HOME}"', 'rm -rf of a path that cannot be resolved statically ("${HOME}")'],
    ["rm -rf /home/user", "rm -rf of the home directory"],
    ["rm -rf .", "rm -rf of the workspace root"],
    ["rm -rf ./", "rm -rf of the workspace root"],
    ["rm -rf *", "rm -rf of the workspace root"],
    ["rm -rf /home/user/project", "rm -rf of the workspace root"],
    ["rm -rf $PWD", "rm -rf of a path that cannot be resolved statically ($PWD)"],
    ["rm -rf ..", "rm -rf of the home directory"],
    ["rm -rf build .", "rm -rf of the workspace root"],
    ["rm -r ~", "rm -rf of the home directory"],
    ["sudo rm -rf /", "rm -rf of /"],
    ["/bin/rm -rf /", "rm -rf of /"],
    ["FORCE=1 rm -rf ~", "rm -rf of the home directory"],
    ["echo ok && rm -rf ~", "rm -rf of the home directory"],
    ["echo $(rm -rf /)", "rm -rf of /"],
    ["rm -rf -- /", "rm -rf of /"],
  ])("guards %j (%s)", async (command, description) => {
    expect(await guardOf(command)).toBe("rm -rf");
    expect(await descriptionOf(command)).toBe(description);
  });

  it.each([
    "git status",
    "git reset --soft HEAD~1",
    "git reset HEAD file",
    "git clean -n",
    "git push origin main",
    "git push --follow-tags",
    "rm -rf build",
    "rm -rf ./node_modules",
    "rm -f ~/.cache/x",
    "rm /",
    "echo 'rm -rf /'",
    "echo git reset --hard",
  ])("lets %j through", async (command) => {
    expect(await match(command)).toBeUndefined();
  });

  it("reports the simple command that matched", async () => {
    expect((await match("npm test && git push -f"))?.command).toBe("git push -f");
  });
});

describe("findDangerousCommand on hostile spellings", () => {
  it.each([
    ["bash -c 'git reset --hard'", "git reset --hard"],
    ["sh -c \"git reset --hard\"", "git reset --hard"],
    ["eval 'git reset --hard'", "git reset --hard"],
    ["eval git reset '--hard'", "git reset --hard"],
    ["git -c alias.x='reset --hard' x", "git reset --hard"],
    ["git -c alias.wipe='!git reset --hard' wipe", "git reset --hard"],
    ["git reset --har", "git reset --hard"],
    ["git reset --ha HEAD", "git reset --hard"],
    ["env GIT_PAGER=cat timeout 5 git reset --hard", "git reset --hard"],
    ["git clean --forc -dx", "git clean -f"],
    ["git clean -dxf", "git clean -f"],
    ["git push --forc origin main", "git push --force"],
    ["git checkout -- .", "git checkout -- <paths>"],
    ["git checkout HEAD -- src/a.ts", "git checkout -- <paths>"],
    ["git checkout .", "git checkout -- <paths>"],
    ["git checkout -f main", "git checkout -- <paths>"],
    ["git restore .", "git restore"],
    ["git restore --staged --worktree a", "git restore"],
    ["git stash drop", "git stash drop"],
    ["git stash clear", "git stash clear"],
    ["git branch -D x", "git branch -D"],
    ["git branch --delete --force x", "git branch -D"],
    ["git reflog expire --expire=now --all", "git reflog expire"],
    ["git gc --prune=now", "git gc --prune=now"],
    ["git gc --prune=1.hour.ago", "git gc --prune=now"],
    ["git update-ref -d refs/heads/x", "git update-ref -d"],
    ["git reset $(echo --hard)", "git reset"],
  ])("guards %j as %s", async (command, guard) => {
    expect(await guardOf(command)).toBe(guard);
  });

  it.each([
    "git restore --staged a.ts",
    "git checkout main",
    "git checkout -b fix",
    "git checkout -bfeature",
    "git branch -d merged",
    "git stash list",
    "git stash pop",
    "git gc",
    "git gc --prune=3.weeks.ago",
    "git push origin main",
    "git reset --soft HEAD~1",
    "git -c alias.x='status' x",
  ])("lets %j through", async (command) => {
    expect(await match(command)).toBeUndefined();
  });

  it.each([
    ["rm -rf $(pwd)", "cannot be resolved statically"],
    ["H=~; rm -rf $H", "cannot be resolved statically ($H)"],
    ["rm -rf ${HOME:?}", "cannot be resolved statically (${HOME:?})"],
    ["rm -rf ~root", "cannot be resolved statically (~root)"],
    ["X='-rf /'; rm $X", "cannot be resolved statically ($X)"],
    ["rm --recur /", "rm -rf of /"],
    ["bash -c 'rm -rf ~'", "rm -rf of the home directory"],
    ["xargs rm -rf ~", "rm -rf of the home directory"],
    ["find ~ -name '*.tmp' -delete", "find -delete of the home directory"],
    ["find / -exec rm -rf {} +", "cannot be resolved statically ({})"],
    ["cd $DIR && rm -rf build", "in a directory that cannot be known statically"],
  ])("guards %j", async (command, description) => {
    expect(await descriptionOf(command)).toContain(description);
  });
});

describe("the rm guard follows cd", () => {
  let root: string;
  beforeAll(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), "axion-guard-")));
    mkdirSync(join(root, "ws", "src"), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("sees the workspace behind cd ..", async () => {
    const local = { cwd: join(root, "ws"), home: join(root, "home") };
    const guard = async (command: string) => findDangerousCommand(await analyzeShellCommand(command, local), local)?.description;
    expect(await guard("cd .. && rm -rf ws")).toBe("rm -rf of the workspace root");
    expect(await guard("cd ..; rm -rf ./ws/")).toBe("rm -rf of the workspace root");
    expect(await guard("cd src && rm -rf ..")).toBe("rm -rf of the workspace root");
    expect(await guard("(cd src && rm -rf x) && rm -rf src")).toBeUndefined();
    expect(await guard("cd nowhere && rm -rf x")).toContain("cannot be known statically");
    expect(await guard("cd src && rm -rf build")).toBeUndefined();
  });
});
