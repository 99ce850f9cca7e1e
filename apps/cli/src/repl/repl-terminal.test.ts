// The REPL driven as a person would: the built binary in a tmux pseudo-terminal, a cleared environment,
// @axion/mock-llm as the provider. Waits poll the screen with generous timeouts (a loaded 2-core machine).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAxion, testWorkspace } from "../test-support/run-axion.js";
import { TmuxTerminal, waitForPrompts } from "./test-support/tmux-terminal.js";

const TEST_TIMEOUT = 120_000;
const PROMPT = "❯ ";

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

function workspace(extraEnv: Record<string, string> = {}) {
  const made = testWorkspace(mock.baseUrl, { prefix: "axion-repl-" });
  Object.assign(made.env, extraEnv);
  return made;
}

function open(options: { cwd: string; env: Record<string, string>; args?: string[]; pipeTo?: string }): TmuxTerminal {
  const terminal = TmuxTerminal.start({ args: ["--model", "sonnet"], ...options });
  terminals.push(terminal);
  return terminal;
}

function lastUserText(index: number): string {
  const body = mock.requests[index]!.body as { messages: { role: string; content: unknown }[] };
  const last = body.messages.at(-1)!;
  return typeof last.content === "string" ? last.content : JSON.stringify(last.content);
}

describe("axion REPL in a terminal", () => {
  it(
    "welcomes, streams an answer, shows the status line, saves the session after the turn and exits on Ctrl-D",
    async () => {
      const { cwd, env } = workspace();
      execFileSync("git", ["init", "-q", "-b", "trunk"], { cwd });
      mock.script([{ text: ["Hello ", "from ", "the mock."], chunkDelayMs: 30, usage: { input_tokens: 120, output_tokens: 7 } }]);
      const terminal = open({ cwd, env });
      const welcome = await waitForPrompts(terminal, 1);
      expect(welcome).toContain("axion v");
      expect(welcome).toMatch(/model\s+claude-sonnet-\S+ \(anthropic\)/);
      expect(welcome).toMatch(/session\s+[0-9a-f]{16}/);
      expect(welcome).toMatch(/mode\s+workspace-write/);
      expect(welcome).toMatch(/branch\s+trunk/);
      expect(welcome).toContain(`cwd       ${cwd}`);

      terminal.type("say hello");
      terminal.press("Enter");
      const screen = await terminal.waitFor("· workspace-write\n");
      expect(screen).toContain(`${PROMPT}say hello\nHello from the mock.\n`);
      expect(screen).toMatch(/claude-sonnet-\S+ \(anthropic\) · 127 tokens \(120 in, 7 out\) · \$\d+\.\d{4} · workspace-write/);

      // saved after the turn, while the REPL is still open
      const id = /session\s+([0-9a-f]{16})/.exec(welcome)![1]!;
      const file = join(cwd, ".axion", "sessions", `${id}.jsonl`);
      expect(readFileSync(file, "utf8")).toContain("Hello from the mock.");

      await waitForPrompts(terminal, 2);
      terminal.press("C-d");
      await terminal.waitFor(`Session ${id} saved. Resume it with: axion --resume ${id}`);
      expect(await terminal.exitCode()).toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    "asks before Bash in workspace-write, inline: y runs the command, n denies it",
    async () => {
      const { cwd, env } = workspace();
      mock.script([
        { toolCalls: [{ id: "toolu_yes", name: "Bash", input: { command: "touch approved.txt" } }] },
        { text: ["ran it"] },
        { toolCalls: [{ id: "toolu_no", name: "Bash", input: { command: "touch denied.txt" } }] },
        { text: ["did not run it"] },
      ]);
      const terminal = open({ cwd, env, args: ["--model", "sonnet", "--permission-mode", "workspace-write"] });
      await waitForPrompts(terminal, 1);
      terminal.type("make a file");
      terminal.press("Enter");
      let screen = await terminal.waitFor("Approve this tool call? [y/N]:");
      expect(screen).toContain("● Bash(touch approved.txt)");
      expect(screen).toContain("Permission approval required");
      expect(screen).toContain("  Mode:   workspace-write → danger-full-access");
      terminal.type("y");
      terminal.press("Enter");
      screen = await terminal.waitFor("ran it\n");
      expect(existsSync(join(cwd, "approved.txt"))).toBe(true);

      await waitForPrompts(terminal, 2);
      terminal.type("another one");
      terminal.press("Enter");
      await terminal.waitFor({ text: "Approve this tool call? [y/N]:", count: 2 });
      terminal.type("n");
      terminal.press("Enter");
      screen = await terminal.waitFor("did not run it\n");
      expect(screen).toContain("● Bash(touch denied.txt)");
      expect(screen).toMatch(/⎿ Error: .*denied/i);
      expect(existsSync(join(cwd, "denied.txt"))).toBe(false);
      expect(lastUserText(3)).toContain('"is_error":true');
    },
    TEST_TIMEOUT,
  );

  it(
    "runs /help, /status, /compact and switches to an OpenAI model mid-session with /model",
    async () => {
      const { cwd, env } = workspace({ OPENAI_API_KEY: "openai-test-key", OPENAI_BASE_URL: `${mock.baseUrl}/v1` });
      // answers long enough that /compact's summary is smaller than what it replaces
      const long = ` ${"lorem ipsum ".repeat(80)}`;
      mock.script([{ text: ["first answer", long] }, { text: ["second answer", long] }, { text: ["third answer", long] }, { text: ["openai answer"] }]);
      const terminal = open({ cwd, env });
      await waitForPrompts(terminal, 1);
      terminal.type("/help");
      terminal.press("Enter");
      let screen = await terminal.waitFor("Slash commands (type /help <command> for details):");
      expect(screen).toMatch(/\/model \[name\]/);

      for (const [index, prompt] of ["one", "two", "three"].entries()) {
        await waitForPrompts(terminal, index + 2);
        terminal.type(prompt);
        terminal.press("Enter");
        await terminal.waitFor(["first answer", "second answer", "third answer"][index]!);
      }
      await waitForPrompts(terminal, 5);
      terminal.type("/status");
      terminal.press("Enter");
      screen = await terminal.waitFor(/Messages\s+6/);
      expect(screen).toMatch(/Model\s+claude-sonnet-\S+ \(anthropic\)/);

      await waitForPrompts(terminal, 6);
      terminal.type("/compact");
      terminal.press("Enter");
      screen = await terminal.waitFor(/Compacted: removed 2 messages, [\d,]+ → [\d,]+ tokens\./);
      const [, before, after] = /Compacted: removed 2 messages, ([\d,]+) → ([\d,]+) tokens\./.exec(screen) ?? [];
      expect(Number(after?.replace(/,/g, ""))).toBeLessThan(Number(before?.replace(/,/g, "")));

      await waitForPrompts(terminal, 7);
      terminal.type("/model openai/gpt-4o");
      terminal.press("Enter");
      screen = await terminal.waitFor("Switched model:");
      expect(screen).toMatch(/gpt-4o \(openai\) · .* · workspace-write/);
      await waitForPrompts(terminal, 8);
      terminal.type("now via openai");
      terminal.press("Enter");
      await terminal.waitFor("openai answer");
      const last = mock.requests.at(-1)!;
      expect(last.path).toBe("/v1/chat/completions");
      expect(JSON.stringify(last.body)).toContain("now via openai");
      expect(mock.requests.slice(0, 3).every((request) => request.path === "/v1/messages")).toBe(true);
    },
    TEST_TIMEOUT,
  );

  it(
    "asks /login for the key without echoing it",
    async () => {
      const { cwd, env } = workspace();
      const terminal = open({ cwd, env });
      await waitForPrompts(terminal, 1);
      terminal.type("/login openai");
      terminal.press("Enter");
      await terminal.waitFor("API key for openai: ");
      terminal.type("sk-secret-123");
      await terminal.waitFor("API key for openai: •••••••••••••");
      terminal.press("Enter");
      const screen = await terminal.waitFor("Saved the openai API key to");
      expect(screen).not.toContain("sk-secret-123");
      const keyFile = /Saved the openai API key to (\S+) /.exec(screen)![1]!;
      expect(readFileSync(keyFile, "utf8").trim()).toBe("sk-secret-123");
    },
    TEST_TIMEOUT,
  );

  it(
    "cancels a slow stream with Ctrl-C, returns to the prompt, goes on, and exits on a second Ctrl-C at an empty prompt",
    async () => {
      const { cwd, env } = workspace();
      const words = Array.from({ length: 40 }, (_value, index) => `word${index} `);
      mock.script([{ text: words, chunkDelayMs: 250 }, { text: ["after the cancel"] }]);
      const terminal = open({ cwd, env });
      await waitForPrompts(terminal, 1);
      terminal.type("talk slowly");
      terminal.press("Enter");
      await terminal.waitFor("word2 ");
      terminal.press("C-c");
      let screen = await terminal.waitFor("Interrupted.");
      expect(screen).not.toContain("word39");
      await waitForPrompts(terminal, 2);
      terminal.type("go on");
      terminal.press("Enter");
      screen = await terminal.waitFor("after the cancel");
      // the partial reply stayed in the conversation
      expect(JSON.stringify(mock.requests[1]!.body)).toContain("word0");
      await waitForPrompts(terminal, 3);
      terminal.press("C-c");
      await terminal.waitFor("(Ctrl-C again to exit, or Ctrl-D)");
      terminal.press("C-c");
      expect(await terminal.exitCode()).toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    "shows the history of a resumed session on start",
    async () => {
      const { cwd, env } = workspace();
      mock.script([
        { toolCalls: [{ id: "toolu_read", name: "Read", input: { file_path: "notes.txt" } }] },
        { text: ["The notes say **hi**."] },
      ]);
      writeFileSync(join(cwd, "notes.txt"), "hi\n");
      const first = await runAxion(["--output-format", "json", "-p", "what do the notes say?"], { cwd, env });
      expect(first.code).toBe(0);
      const id = (JSON.parse(first.stdout) as { session_id: string }).session_id;
      const terminal = open({ cwd, env, args: ["--resume", id] });
      const screen = await waitForPrompts(terminal, 2);
      expect(screen).toContain(`session   ${id} (resumed)`);
      expect(screen).toContain(`${PROMPT}what do the notes say?`);
      expect(screen).toContain("● Read(notes.txt)");
      expect(screen).toMatch(/ {2}⎿ 1\s+hi\n/);
      expect(screen).toContain("The notes say **hi**.");
    },
    TEST_TIMEOUT,
  );

  it(
    "completes commands and @paths with Tab, inlines @path files, takes multi-line input and keeps history per project",
    async () => {
      const { cwd, env } = workspace();
      writeFileSync(join(cwd, "notes.txt"), "alpha\nbeta\n");
      mock.script([{ text: ["got it"] }]);
      let terminal = open({ cwd, env });
      await waitForPrompts(terminal, 1);
      terminal.type("/mod");
      terminal.press("Tab");
      await terminal.waitFor(`${PROMPT}/model`);
      terminal.press("Tab");
      await terminal.waitFor(/model\s+models/);
      terminal.press("C-u");
      terminal.type("explain @no");
      terminal.press("Tab");
      await terminal.waitFor(`${PROMPT}explain @notes.txt`);
      terminal.type("\\");
      terminal.press("Enter");
      terminal.type("and more");
      terminal.press("M-Enter");
      terminal.type("end");
      await terminal.waitFor("… end");
      terminal.press("Enter");
      await terminal.waitFor("got it");
      expect(lastUserText(0)).toContain("explain @notes.txt \\nand more\\nend\\n\\n[Context from @notes.txt]\\n     1\\talpha\\n     2\\tbeta");
      terminal.press("C-d");
      expect(await terminal.exitCode()).toBe(0);
      terminal.close();

      terminal = open({ cwd, env });
      await waitForPrompts(terminal, 1);
      terminal.press("Up");
      const screen = await terminal.waitFor("… end");
      expect(screen).toContain(`${PROMPT}explain @notes.txt \n… and more\n… end`);
      const histories = readdirSync(join(env["AXION_CONFIG_HOME"]!, "history"));
      expect(histories).toHaveLength(1);
    },
    TEST_TIMEOUT,
  );

  it(
    "renders Markdown and Write diffs in colour on a terminal, and prints plain text when stdout is not one",
    async () => {
      const { cwd, env } = workspace();
      delete env["NO_COLOR"];
      env["TERM"] = "xterm-256color";
      mock.script([
        { toolCalls: [{ id: "toolu_write", name: "Write", input: { file_path: "hello.txt", content: "first\nsecond\n" } }] },
        { text: ["# Done\n", "Wrote **two** lines.\n"] },
        { text: ["# Plain\n", "No **colour** here.\n"] },
      ]);
      let terminal = open({ cwd, env });
      await waitForPrompts(terminal, 1);
      terminal.type("write it");
      terminal.press("Enter");
      let screen = await terminal.waitFor("Wrote two lines.");
      expect(screen).toContain("● Write(hello.txt)");
      expect(screen).toContain("  ⎿ Created hello.txt (2 lines)");
      expect(screen).toContain("      1 + first");
      expect(screen).toMatch(/\nDone\n/);
      const coloured = terminal.screen({ escapes: true });
      expect(coloured).toMatch(/\x1b\[[0-9;]*32m\s*1 \+ first/);
      expect(coloured).toContain("\x1b[1m");
      terminal.press("C-d");
      await terminal.exitCode();
      terminal.close();

      const output = join(cwd, "..", "stdout.txt");
      terminal = open({ cwd, env, pipeTo: `> ${output}` });
      await terminal.waitFor(PROMPT);
      terminal.type("plain please");
      terminal.press("Enter");
      await terminal.waitFor(PROMPT + "plain please");
      const deadline = Date.now() + 30_000;
      while (!readFileSync(output, "utf8").includes("· workspace-write") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      terminal.press("C-d");
      expect(await terminal.exitCode()).toBe(0);
      screen = readFileSync(output, "utf8");
      expect(screen).not.toContain("\x1b");
      expect(screen).toContain(`${PROMPT}plain please\n# Plain\nNo **colour** here.\n`);
    },
    TEST_TIMEOUT,
  );
});

