import { appendFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { historyFile, PromptHistory } from "./prompt-history.js";

const configHome = () => mkdtempSync(join(tmpdir(), "axion-history-"));

describe("PromptHistory", () => {
  it("keeps prompts per project across instances, multi-line prompts as one entry, in a private file", () => {
    const home = configHome();
    const first = new PromptHistory({ configHome: home, cwd: "/work/a" });
    first.add("hello");
    first.add("line 1\nline 2");
    first.add("line 1\nline 2");
    first.add("   ");
    expect(new PromptHistory({ configHome: home, cwd: "/work/a" }).entries()).toEqual(["hello", "line 1\nline 2"]);
    expect(new PromptHistory({ configHome: home, cwd: "/work/b" }).entries()).toEqual([]);
    expect(first.file).toBe(historyFile(home, "/work/a"));
    expect(first.file.startsWith(join(home, "history"))).toBe(true);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    const record = JSON.parse(readFileSync(first.file, "utf8").split("\n")[0]!) as { cwd: string; text: string };
    expect(record).toMatchObject({ cwd: "/work/a", text: "hello" });
  });

  it("never records a /login line that carries a key", () => {
    const history = new PromptHistory({ configHome: configHome(), cwd: "/work/a" });
    history.add("/login openai sk-proj-typed-key-123456");
    history.add("/login openai");
    expect(history.entries()).toEqual(["/login openai"]);
    expect(readFileSync(history.file, "utf8")).not.toContain("sk-proj-typed-key");
  });

  it("keeps the newest entries up to the limit and rewrites the file when it grows", () => {
    const home = configHome();
    const history = new PromptHistory({ configHome: home, cwd: "/w", limit: 3 });
    for (let index = 1; index <= 8; index += 1) history.add(`p${index}`);
    expect(history.entries()).toEqual(["p6", "p7", "p8"]);
    expect(new PromptHistory({ configHome: home, cwd: "/w", limit: 3 }).entries()).toEqual(["p6", "p7", "p8"]);
    expect(readFileSync(history.file, "utf8").trim().split("\n").length).toBeLessThanOrEqual(6);
    // the rewrite is atomic: still private, and no temporary file is left beside it
    expect(statSync(history.file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dirname(history.file))).toEqual([basename(history.file)]);
  });

  it("drops a torn last line quietly and reports other bad lines", () => {
    const home = configHome();
    const history = new PromptHistory({ configHome: home, cwd: "/w" });
    history.add("good");
    appendFileSync(history.file, "not json\n");
    history.add("also good");
    appendFileSync(history.file, '{"cwd":"/w","te');
    const warnings: string[] = [];
    const loaded = new PromptHistory({ configHome: home, cwd: "/w", warn: (message) => warnings.push(message) });
    expect(loaded.entries()).toEqual(["good", "also good"]);
    expect(warnings).toEqual([`${history.file}: line 2 is not a history record; skipped`]);
    loaded.add("after the tear");
    expect(new PromptHistory({ configHome: home, cwd: "/w", warn: () => {} }).entries()).toEqual(["good", "also good", "after the tear"]);
  });
});
