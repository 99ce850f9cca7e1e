import { describe, expect, it } from "vitest";
import { analyzeShellCommand } from "./shell-analysis.js";

const options = { cwd: "/nonexistent-ws/project", home: "/nonexistent-ws/home" };
const analyze = (command: string) => analyzeShellCommand(command, options);
const programs = async (command: string) => (await analyze(command)).commands.map((entry) => entry.argv.join(" "));

describe("analyzeShellCommand", () => {
  it("lists every simple command with quotes and escapes removed", async () => {
    expect(await programs(`X=1 "r"m -rf 'a b' c\\ d $'\\x41'`)).toEqual(["rm -rf a b c d A"]);
    expect(await programs("a && b || c; d | e & f")).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(await programs("echo $(id -u) `whoami` <(ls) >(cat)")).toEqual(["id -u", "whoami", "ls", "cat", "echo $(id -u) `whoami` <(ls) >(cat)"]);
    expect(await programs("if a; then b; elif c; then d; else e; fi; while f; do g; done; case x in y) h;; esac")).toEqual([
      "a", "b", "c", "d", "e", "f", "g", "h",
    ]);
  });

  it("looks through wrappers, keeping each layer", async () => {
    const [entry] = (await analyze("sudo -u root env -i A=1 timeout -k 1 5 nice -n 2 rm x")).commands;
    expect(entry?.argv).toEqual(["rm", "x"]);
    expect(entry?.layers.map((layer) => [layer.words[0]?.value, layer.transparent])).toEqual([
      ["sudo", false],
      ["env", true],
      ["timeout", true],
      ["nice", true],
      ["rm", false],
    ]);
    expect((await programs("command -v rm"))).toEqual(["command -v rm"]);
    expect((await analyze("command -v rm")).commands[0]?.layers).toHaveLength(1);
  });

  it("reads shell scripts, eval and git aliases", async () => {
    expect(await programs("bash -euc 'a; b'")).toEqual(["bash -euc a; b", "a", "b"]);
    expect(await programs("bash -o pipefail -c 'a | b'")).toEqual(["bash -o pipefail -c a | b", "a", "b"]);
    expect(await programs("eval 'a &&' b")).toEqual(["eval a && b", "a", "b"]);
    expect(await programs("git -c alias.co='checkout -f' co main")).toEqual(["git -c alias.co=checkout -f co main", "git checkout -f main"]);
    expect((await analyze("bash script.sh")).undecidable).toEqual([]);
    expect((await analyze("curl x | sh")).undecidable).toEqual(["'sh': sh reads its commands from standard input"]);
  });

  it("marks what it cannot decide", async () => {
    expect((await analyze("$CMD x")).undecidable).toEqual(["'$CMD x': its command name is made by an expansion ($CMD)"]);
    expect((await analyze("r{m,} -rf x")).commands[0]?.undecidable).toBe("its command name is made by an expansion (r{m,})");
    expect((await analyze("{r,}m -rf x")).parseError).toBe(true);
    expect((await analyze("echo 'unterminated")).parseError).toBe(true);
    expect((await analyze("PATH=. ls")).commands[0]?.undecidable).toBe("it sets PATH, which changes what later commands run");
    expect((await analyze("export LD_PRELOAD=/tmp/x.so; ls")).undecidable).toHaveLength(1);
    expect((await analyze("[ -f x ] && ls")).undecidable).toEqual([]);
  });

  it("lists write targets with their paths, following cd and leaving harmless ones out", async () => {
    const targets = async (command: string) => (await analyze(command)).writeTargets.map((target) => [target.via, target.path ?? `?${target.text}`]);
    expect(await targets("a > f 2>&1 >> g &> /dev/null >&2 2>&- <> h >| i &>> j")).toEqual([
      [">", "/nonexistent-ws/project/f"],
      [">>", "/nonexistent-ws/project/g"],
      ["<>", "/nonexistent-ws/project/h"],
      [">|", "/nonexistent-ws/project/i"],
      ["&>>", "/nonexistent-ws/project/j"],
    ]);
    expect(await targets("echo >&../x")).toEqual([[">&", "/nonexistent-ws/x"]]);
    expect(await targets("echo > ~/x > $Y")).toEqual([
      [">", "/nonexistent-ws/home/x"],
      [">", "?$Y"],
    ]);
    expect(await targets("cd / && echo > x")).toEqual([[">", "/x"]]);
    expect(await targets("git log --output=l.txt; git diff --output d.txt")).toEqual([
      ["git --output", "/nonexistent-ws/project/l.txt"],
      ["git --output", "/nonexistent-ws/project/d.txt"],
    ]);
    expect(await targets("install -m 644 a /usr/local/bin/a; ln -s a b; mkdir -p p; rmdir q; sort -ou r s")).toEqual([
      ["install", "/usr/local/bin/a"],
      ["ln", "/nonexistent-ws/project/b"],
      ["mkdir", "/nonexistent-ws/project/p"],
      ["rmdir", "/nonexistent-ws/project/q"],
      ["sort -o", "/nonexistent-ws/project/u"],
    ]);
    expect(await targets("cp -t /d a b; sed -n p f; sed -e p -i g")).toEqual([
      ["cp", "/d"],
      ["sed -i", "/nonexistent-ws/project/g"],
    ]);
  });
});
