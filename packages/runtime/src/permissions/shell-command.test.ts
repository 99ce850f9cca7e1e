import { describe, expect, it } from "vitest";
import { hasCommandSubstitution, hasFileRedirect, shellWords, splitShellCommand } from "./shell-command.js";

describe("splitShellCommand", () => {
  it.each([
    ["git status", ["git status"]],
    ["git add . && git commit -m 'a && b'", ["git add .", "git commit -m 'a && b'"]],
    ["a || b; c | d & e", ["a", "b", "c", "d", "e"]],
    ["a\nb", ["a", "b"]],
    ["npm test 2>&1 | tee log", ["npm test 2>&1", "tee log"]],
    ["cmd &> out", ["cmd &> out"]],
    ["echo $(rm -rf /) done", ["echo", "rm -rf /", "done"]],
    ['echo "x $(whoami) y"', ['echo "x', "whoami", 'y"']],
    ["echo `id`", ["echo", "id"]],
    ["(cd sub && make)", ["cd sub", "make"]],
    ["echo 'a;b'  \"c|d\"   x", ["echo 'a;b' \"c|d\" x"]],
    ["echo a\\;b", ["echo a\\;b"]],
  ])("%s", (command, expected) => {
    expect(splitShellCommand(command)).toEqual(expected);
  });
});

describe("shellWords", () => {
  it("removes quotes and escapes", () => {
    expect(shellWords(`rm -rf "$HOME" 'a b' c\\ d "x\\"y"`)).toEqual(["rm", "-rf", "$HOME", "a b", "c d", 'x"y']);
    expect(shellWords("echo ''")).toEqual(["echo", ""]);
  });
});

describe("hasCommandSubstitution", () => {
  it("finds $(…), backticks and process substitution outside single quotes", () => {
    expect(hasCommandSubstitution("echo $(id)")).toBe(true);
    expect(hasCommandSubstitution('echo "`id`"')).toBe(true);
    expect(hasCommandSubstitution("diff <(a) <(b)")).toBe(true);
    expect(hasCommandSubstitution("echo '$(id)'")).toBe(false);
    expect(hasCommandSubstitution("echo $HOME")).toBe(false);
  });
});

describe("hasFileRedirect", () => {
  it("flags output into files but not /dev/null or descriptor copies", () => {
    expect(hasFileRedirect("git status > out.txt")).toBe(true);
    expect(hasFileRedirect("git log >>out.txt")).toBe(true);
    expect(hasFileRedirect("npm test &> log")).toBe(true);
    expect(hasFileRedirect("npm test 2>&1")).toBe(false);
    expect(hasFileRedirect("npm test > /dev/null 2>&1")).toBe(false);
    expect(hasFileRedirect("echo '>' x")).toBe(false);
    expect(hasFileRedirect("sort < in.txt")).toBe(false);
  });
});
