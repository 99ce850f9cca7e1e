// Approvals come from a person, secrets stay out of what axion writes, and sub-agents inherit every limit:
// the built binary against @axion/mock-llm, real files, a real pseudo-terminal (tmux) for the terminal cases.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TmuxTerminal } from "../repl/test-support/tmux-terminal.js";
import { AXION_BIN, runAxion, testWorkspace } from "../test-support/run-axion.js";

const SECRET = "sk-ant-e2e-secret-0123456789abcdef";

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

function workspace() {
  const made = testWorkspace(mock.baseUrl, { prefix: "axion-contain-" });
  made.env["ANTHROPIC_API_KEY"] = SECRET;
  return made;
}

function sessionText(cwd: string): string {
  const directory = join(cwd, ".axion", "sessions");
  return readdirSync(directory)
    .map((name) => readFileSync(join(directory, name), "utf8"))
    .join("\n");
}

function lastToolResults(): string {
  const body = mock.requests.at(-1)?.body as { messages: { content: unknown }[] };
  return JSON.stringify(body.messages.at(-1)?.content);
}

describe("approvals come from a person at a terminal", () => {
  it("does not take a piped line as an approval: the pipe becomes context and the command is refused", async () => {
    const { cwd, env } = workspace();
    mock.script([
      { toolCalls: [{ id: "toolu_1", name: "Bash", input: { command: "touch approved-by-pipe.txt" } }] },
      { text: ["The log says y."] },
    ]);
    const run = await runAxion(["--permission-mode", "workspace-write", "-p", "explain this log"], { cwd, env, stdin: "y\nsecond log line\n" });
    expect(run.code).toBe(0);
    expect(existsSync(join(cwd, "approved-by-pipe.txt"))).toBe(false);
    expect(lastToolResults()).toContain("no approval prompt available");
    const first = JSON.stringify((mock.requests[0]!.body as { messages: unknown[] }).messages[0]);
    expect(first).toContain("explain this log");
    expect(first).toContain("y\\nsecond log line");
    expect(run.stderr).not.toContain("Approve this tool call?");
  });

  it("reads answers from stdin only with --approvals-from-stdin, and then stdin is nothing else", async () => {
    const { cwd, env } = workspace();
    mock.script([
      { toolCalls: [{ id: "toolu_1", name: "Bash", input: { command: "touch approved.txt" } }] },
      { text: ["done"] },
    ]);
    const run = await runAxion(["--permission-mode", "workspace-write", "--approvals-from-stdin", "-p", "make the file"], { cwd, env, stdin: "y\n" });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("Approve this tool call? [y/N]:");
    expect(existsSync(join(cwd, "approved.txt"))).toBe(true);
    expect(JSON.stringify((mock.requests[0]!.body as { messages: unknown[] }).messages[0])).not.toContain("<stdin");

    const usage = await runAxion(["--approvals-from-stdin"], { cwd, env, stdin: "y\n" });
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain("--approvals-from-stdin reads stdin only as answers");
  });

  it("asks at the terminal when stdin is a pipe: the person's answer counts, the piped 'y' does not", async () => {
    const { cwd, env } = workspace();
    mock.script([
      { toolCalls: [{ id: "toolu_1", name: "Bash", input: { command: "touch from-terminal.txt" } }] },
      { text: ["refused as asked"] },
    ]);
    const terminal = TmuxTerminal.start({ cwd, env, args: ["--permission-mode", "workspace-write", "-p", "explain this log"], pipeFrom: "printf 'y\\ny\\n' |" });
    terminals.push(terminal);
    await terminal.waitFor("Approve this tool call? [y/N]:");
    terminal.type("n");
    terminal.press("Enter");
    expect(await terminal.exitCode()).toBe(0);
    expect(existsSync(join(cwd, "from-terminal.txt"))).toBe(false);
    expect(lastToolResults()).toContain("denied by user approval prompt");
  }, 60_000);

  it("goes on without a piped stdin that stays open and silent", async () => {
    const { cwd, env } = workspace();
    mock.script([{ text: ["answered"] }]);
    const child = spawn(process.execPath, [AXION_BIN, "-p", "hello"], { cwd, env: { ...env, AXION_STDIN_WAIT_MS: "300" }, stdio: ["pipe", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      child.on("close", (exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
    expect(code).toBe(0);
    expect(stdout).toBe("answered\n");
    expect(stderr).toContain("stdin is open but sent nothing");
  });
});

describe("secrets", () => {
  it("keeps provider keys out of commands, tool results, session files and stream-json", async () => {
    const { cwd, env, home } = workspace();
    mkdirSync(join(home, "config", "credentials"), { recursive: true });
    writeFileSync(join(home, "config", "credentials", "openai.key"), "sk-proj-saved-key-0123456789\n", { mode: 0o600 });
    mock.script([
      { toolCalls: [{ id: "toolu_env", name: "Bash", input: { command: `env; echo "file: $(cat '${join(home, "config", "credentials", "openai.key")}')"; echo "typed: ${SECRET}"` } }] },
      { text: ["done"] },
    ]);
    const run = await runAxion(["--permission-mode", "danger-full-access", "--output-format", "stream-json", "-p", "show env"], { cwd, env });
    expect(run.code).toBe(0);
    const results = lastToolResults();
    expect(results).not.toContain("ANTHROPIC_API_KEY");
    expect(results).toContain("file: [REDACTED]");
    expect(results).toContain("typed: [REDACTED]");
    expect(results).toContain("HOME=");
    for (const text of [results, run.stdout, run.stderr, sessionText(cwd)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("sk-proj-saved-key-0123456789");
    }
  });

  it("gives hooks no provider key unless the settings name it", async () => {
    const { cwd, env, home } = workspace();
    const dump = join(home, "hook-env.txt");
    writeFileSync(
      join(home, "config", "settings.json"),
      JSON.stringify({ hooks: { UserPromptSubmit: [{ hooks: [{ type: "command", command: `env > '${dump}'` }] }] } }),
    );
    mock.script([{ text: ["ok"] }]);
    const run = await runAxion(["-p", "hi"], { cwd, env });
    expect(run.code).toBe(0);
    const hookEnv = readFileSync(dump, "utf8");
    expect(hookEnv).toContain("HOME=");
    expect(hookEnv).not.toContain("ANTHROPIC_API_KEY");
    expect(hookEnv).not.toContain(SECRET);
  });

  it("redacts a provider error that echoes the key", async () => {
    const { cwd, env } = workspace();
    mock.failNext({ status: 401, body: { type: "error", error: { type: "authentication_error", message: `invalid x-api-key: ${SECRET}` } } });
    const run = await runAxion(["--output-format", "json", "-p", "hi"], { cwd, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("[REDACTED]");
    expect(run.stderr + run.stdout).not.toContain(SECRET);
  });

  it("takes no key on the login command line", async () => {
    const { cwd, env, home } = workspace();
    const refused = await runAxion(["login", "openai", "sk-proj-argv-key-0123456789"], { cwd, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("takes no key on the command line");
    expect(existsSync(join(home, "config", "credentials", "openai.key"))).toBe(false);
    const piped = await runAxion(["login", "openai"], { cwd, env, stdin: "sk-proj-piped-key-0123456789\n" });
    expect(piped.code).toBe(0);
    expect(readFileSync(join(home, "config", "credentials", "openai.key"), "utf8").trim()).toBe("sk-proj-piped-key-0123456789");
    expect(piped.stdout + piped.stderr).not.toContain("sk-proj-piped-key-0123456789");
  });
});

describe("sub-agents inherit the parent's limits", () => {
  it("counts a sub-agent's spend against --max-cost and in the totals", async () => {
    const { cwd, env } = workspace();
    const usage = { input_tokens: 1000, output_tokens: 500 };
    mock.script([
      { toolCalls: [{ id: "toolu_agent", name: "Agent", input: { description: "look around", prompt: "read the notes" } }], usage },
      { toolCalls: [{ id: "toolu_read", name: "Read", input: { file_path: "notes.txt" } }], usage },
      { text: ["child never gets here"], usage },
      { text: ["parent never gets here"], usage },
    ]);
    writeFileSync(join(cwd, "notes.txt"), "notes\n");
    const run = await runAxion(["--max-cost", "0.02", "--output-format", "json", "-p", "delegate"], { cwd, env });
    expect(run.code).toBe(1);
    expect(mock.requests).toHaveLength(2);
    const json = JSON.parse(run.stdout) as { estimated_cost: string; total_cost_usd: number; usage: { input_tokens: number } };
    expect(json.estimated_cost).toBe("$0.0210");
    expect(json.usage.input_tokens).toBe(2000);
    expect(run.stderr).toContain("cost limit of $0.0200");
  });

  it("keeps a sub-agent to --max-turns across parent and child", async () => {
    const { cwd, env } = workspace();
    mock.script([
      { toolCalls: [{ id: "toolu_agent", name: "Agent", input: { description: "loop", prompt: "keep reading" } }] },
      { toolCalls: [{ id: "toolu_r1", name: "Read", input: { file_path: "notes.txt" } }] },
      { toolCalls: [{ id: "toolu_r2", name: "Read", input: { file_path: "notes.txt" } }] },
      { text: ["never"] },
      { text: ["never"] },
    ]);
    writeFileSync(join(cwd, "notes.txt"), "notes\n");
    const run = await runAxion(["--max-turns", "3", "--output-format", "json", "-p", "delegate"], { cwd, env });
    expect(mock.requests).toHaveLength(3);
    expect(run.stderr).toContain("Stopped after 3 model calls");
  });
});

describe("a sub-agent in plan mode", () => {
  it("is held to plan mode: its Write is blocked and nothing is written", async () => {
    const { cwd, env } = workspace();
    mock.script([
      { toolCalls: [{ id: "toolu_agent", name: "Agent", input: { description: "write it", prompt: "create planned.txt" } }] },
      { toolCalls: [{ id: "toolu_write", name: "Write", input: { file_path: "planned.txt", content: "x\n" } }] },
      { text: ["child: could not write"] },
      { text: ["Here is the plan."] },
    ]);
    const terminal = TmuxTerminal.start({ cwd, env, args: ["--model", "sonnet", "--permission-mode", "danger-full-access"] });
    terminals.push(terminal);
    await terminal.waitFor("❯ ");
    terminal.type("/plan create planned.txt");
    terminal.press("Enter");
    await terminal.waitFor("Here is the plan.");
    expect(existsSync(join(cwd, "planned.txt"))).toBe(false);
    const childSecond = JSON.stringify((mock.requests[2]!.body as { messages: { content: unknown }[] }).messages.at(-1)?.content);
    expect(childSecond).toContain("blocked in plan mode");
    terminal.type("/exit");
    terminal.press("Enter");
    expect(await terminal.exitCode()).toBe(0);
  }, 90_000);
});
