// Small REPL behaviours a person notices: /exit says where the session is once, /review's diff is not read as @paths,
// and /clear does not make the money already spent disappear. The built binary in tmux against @axion/mock-llm.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testWorkspace } from "../test-support/run-axion.js";
import { TmuxTerminal } from "./test-support/tmux-terminal.js";

const TEST_TIMEOUT = 120_000;

let mock: MockLlmServer;
const terminals: TmuxTerminal[] = [];
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());
afterEach(() => {
  for (const terminal of terminals.splice(0)) terminal.close();
});

function open(cwd: string, env: Record<string, string>): TmuxTerminal {
  const terminal = TmuxTerminal.start({ cwd, env, args: ["--model", "sonnet"] });
  terminals.push(terminal);
  return terminal;
}

describe("REPL session edges", () => {
  it(
    "sends /review's diff as generated (no @path warnings for hunk headers), keeps the spend after /clear, says saved once on /exit",
    async () => {
      const { cwd, env } = testWorkspace(mock.baseUrl, { prefix: "axion-repl-edges-" });
      execFileSync("git", ["init", "-q", "-b", "trunk"], { cwd });
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "start"], { cwd });
      writeFileSync(join(cwd, "a.txt"), "one\ntwo\n");
      execFileSync("git", ["add", "a.txt"], { cwd });
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "a"], { cwd });
      writeFileSync(join(cwd, "a.txt"), "one\nthree\n");
      mock.script([{ text: ["Looks fine."], usage: { input_tokens: 1000, output_tokens: 500 } }]);

      const terminal = open(cwd, env);
      await terminal.waitFor("❯ ");
      terminal.type("/review");
      terminal.press("Enter");
      let screen = await terminal.waitFor("Looks fine.");
      expect(screen).not.toContain("no such file or directory");
      expect(JSON.stringify(mock.requests[0]!.body)).toContain("@@");
      screen = await terminal.waitFor("$0.0105");

      terminal.type("/clear");
      terminal.press("Enter");
      await terminal.waitFor("Cleared the conversation");
      terminal.type("/cost");
      terminal.press("Enter");
      screen = await terminal.waitFor(/\$0\.0105[\s\S]*\$0\.0105/);

      terminal.type("/exit");
      terminal.press("Enter");
      expect(await terminal.exitCode()).toBe(0);
      screen = terminal.screen();
      expect(screen.split(" saved. Resume it with").length - 1).toBe(1);
    },
    TEST_TIMEOUT,
  );

  it(
    "says so when the provider is busy and axion waits before retrying",
    async () => {
      const { cwd, env } = testWorkspace(mock.baseUrl, { prefix: "axion-repl-retry-" });
      mock.failNext({ status: 529, headers: { "retry-after": "3" }, body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } });
      mock.script([{ text: ["Answered after the wait."] }]);
      const terminal = open(cwd, env);
      await terminal.waitFor("❯ ");
      terminal.type("hello");
      terminal.press("Enter");
      const screen = await terminal.waitFor("Answered after the wait.");
      expect(screen).toMatch(/provider busy \(529 overloaded_error\); retrying in 3 s \(attempt 2 of \d+\)/);
    },
    TEST_TIMEOUT,
  );
});
