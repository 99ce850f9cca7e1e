import { describe, expect, it } from "vitest";
import { findDangerousCommand } from "./dangerous-command-guard.js";

const options = { cwd: "/home/user/project", home: "/home/user" };
const guardOf = (command: string) => findDangerousCommand(command, options)?.guard;
const descriptionOf = (command: string) => findDangerousCommand(command, options)?.description;

describe("findDangerousCommand", () => {
  it.each([
    "git reset --hard",
    "git reset --hard HEAD~3",
    "git -C sub reset --hard origin/main",
    "git -c core.x=1 reset --hard",
  ])("guards %j as git reset --hard", (command) => {
    expect(guardOf(command)).toBe("git reset --hard");
  });

  it.each(["git clean -f", "git clean -fd", "git clean -xdf", "git clean --force -d", "git clean -d -f"])(
    "guards %j as git clean -f",
    (command) => {
      expect(guardOf(command)).toBe("git clean -f");
    },
  );

  it.each([
    "git push --force",
    "git push -f origin main",
    "git push origin main --force-with-lease",
    "git push --force-with-lease=main:abc origin",
    "git push -fu origin main",
    "git push origin +main",
  ])("guards %j as git push --force", (command) => {
    expect(guardOf(command)).toBe("git push --force");
  });

  it.each([
    ["rm -rf /", "rm -rf of /"],
    ["rm -fr /", "rm -rf of /"],
    ["rm -r -f /", "rm -rf of /"],
    ["rm --recursive --force /", "rm -rf of /"],
    ["rm -rf /*", "rm -rf of /"],
    ["rm -Rf ~", "rm -rf of the home directory"],
    ["rm -rf ~/", "rm -rf of the home directory"],
    ["rm -rf $HOME", "rm -rf of the home directory"],
    ['rm -rf "${HOME}"', "rm -rf of the home directory"],
    ["rm -rf /home/user", "rm -rf of the home directory"],
    ["rm -rf .", "rm -rf of the workspace root"],
    ["rm -rf ./", "rm -rf of the workspace root"],
    ["rm -rf *", "rm -rf of the workspace root"],
    ["rm -rf /home/user/project", "rm -rf of the workspace root"],
    ["rm -rf $PWD", "rm -rf of the workspace root"],
    ["rm -rf ..", "rm -rf of the home directory"],
    ["rm -rf build .", "rm -rf of the workspace root"],
    ["rm -r ~", "rm -rf of the home directory"],
    ["sudo rm -rf /", "rm -rf of /"],
    ["/bin/rm -rf /", "rm -rf of /"],
    ["FORCE=1 rm -rf ~", "rm -rf of the home directory"],
    ["echo ok && rm -rf ~", "rm -rf of the home directory"],
    ["echo $(rm -rf /)", "rm -rf of /"],
    ["rm -rf -- /", "rm -rf of /"],
  ])("guards %j (%s)", (command, description) => {
    expect(guardOf(command)).toBe("rm -rf");
    expect(descriptionOf(command)).toBe(description);
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
    "rm -rf $BUILD_DIR",
    "rm /",
    "echo 'rm -rf /'",
    "echo git reset --hard",
  ])("lets %j through", (command) => {
    expect(findDangerousCommand(command, options)).toBeUndefined();
  });

  it("reports the simple command that matched", () => {
    expect(findDangerousCommand("npm test && git push -f", options)?.command).toBe("git push -f");
  });
});
