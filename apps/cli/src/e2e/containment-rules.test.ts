// Rules on parsed commands and real paths: the built binary against @axion/mock-llm, with hostile Bash calls
// scripted as the model's. Each must leave its marker file in place (the command did not run) and give the
// reason a user sees. Rules live in the user settings (<config home>/settings.json), which count without trust.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAxion, testWorkspace } from "../test-support/run-axion.js";

let mock: MockLlmServer;
const roots: string[] = [];
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

interface JsonResult {
  message: string;
  tool_results: { tool_name?: string; output: string; is_error: boolean }[];
}

/** A workspace with marker files, a sibling folder `outside/`, and the given user settings. */
function workspace(settings: Record<string, unknown>) {
  const made = testWorkspace(mock.baseUrl, { prefix: "axion-rules-" });
  roots.push(dirname(made.cwd));
  const outside = join(dirname(made.cwd), "outside");
  mkdirSync(outside);
  writeFileSync(join(made.home, "config", "settings.json"), JSON.stringify(settings));
  return { ...made, outside };
}

function bashCalls(commands: readonly string[]) {
  return commands.map((command, index) => ({ id: `toolu_${index + 1}`, name: "Bash", input: { command } }));
}

async function runJson(args: readonly string[], options: { cwd: string; env: Record<string, string> }): Promise<{ json: JsonResult; stderr: string }> {
  const run = await runAxion(["--output-format", "json", ...args], { ...options, timeoutMs: 30_000 });
  expect(run.code, run.stderr).toBe(0);
  return { json: JSON.parse(run.stdout) as JsonResult, stderr: run.stderr };
}

describe("a deny rule Bash(rm:*) holds however rm is spelled", () => {
  it("refuses every spelling in danger-full-access; the files stay", async () => {
    const { cwd, env } = workspace({ permissions: { deny: ["Bash(rm:*)"] } });
    const spellings = [
      "X=1 rm -f m1",
      "/bin/rm -f m2",
      "\\rm -f m3",
      '"rm" -f m4',
      "r''m -f m5",
      "command rm -f m6",
      "env rm -f m7",
      "timeout 5 rm -f m8",
      "bash -c 'rm -f m9'",
      "sh -c 'rm -f m10'",
      "eval 'rm -f m11'",
      "echo m12 | xargs rm -f",
    ];
    spellings.forEach((_, index) => writeFileSync(join(cwd, `m${index + 1}`), "keep"));
    mock.script([{ toolCalls: bashCalls(spellings) }, { text: ["All refused."] }]);
    const { json, stderr } = await runJson(["--permission-mode", "danger-full-access", "-p", "clean up"], { cwd, env });
    expect(stderr).not.toContain("Warning");
    expect(json.tool_results).toHaveLength(spellings.length);
    for (const result of json.tool_results) {
      expect(result.is_error).toBe(true);
      expect(result.output).toBe("Tool 'Bash' is denied by the rule 'Bash(rm:*)' in permissions.deny");
    }
    spellings.forEach((_, index) => expect(existsSync(join(cwd, `m${index + 1}`))).toBe(true));
    expect(json.message).toBe("All refused.");
  });

  it("refuses a command whose name is made by an expansion: it cannot be checked, and -p has no prompt", async () => {
    const { cwd, env } = workspace({ permissions: { deny: ["Bash(rm:*)"] } });
    writeFileSync(join(cwd, "marker"), "keep");
    mock.script([{ toolCalls: bashCalls(["$(echo rm) -f marker"]) }, { text: ["Refused."] }]);
    const { json } = await runJson(["--permission-mode", "danger-full-access", "-p", "clean up"], { cwd, env });
    expect(json.tool_results[0]?.is_error).toBe(true);
    expect(json.tool_results[0]?.output).toContain(
      "Command '$(echo rm) -f marker' cannot be checked against the rule 'Bash(rm:*)': '$(echo rm) -f marker': its command name is made by an expansion ($(echo rm))",
    );
    expect(existsSync(join(cwd, "marker"))).toBe(true);
  });
});

describe("the guard and write targets", () => {
  it("asks for git reset --hard through an alias even in danger-full-access; the change survives", async () => {
    const { cwd, env } = workspace({});
    const git = (...args: string[]) => execFileSync("git", args, { cwd, env: { ...env, GIT_CONFIG_NOSYSTEM: "1" }, stdio: "pipe" });
    git("init", "-q");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "init");
    writeFileSync(join(cwd, "work.txt"), "unsaved work\n");
    git("add", "work.txt");
    mock.script([{ toolCalls: bashCalls(["git -c alias.x='reset --hard' x", "bash -c 'git reset --har'"]) }, { text: ["Refused."] }]);
    const { json } = await runJson(["--permission-mode", "danger-full-access", "-p", "reset"], { cwd, env });
    for (const result of json.tool_results) {
      expect(result.is_error).toBe(true);
      expect(result.output).toContain("needs explicit approval (guard: git reset --hard (discards uncommitted changes))");
    }
    expect(readFileSync(join(cwd, "work.txt"), "utf8")).toBe("unsaved work\n");
  });

  it("with the allow rule Bash(echo:*), writes inside run and writes outside are refused", async () => {
    const { cwd, env, outside } = workspace({ permissions: { allow: ["Bash(echo:*)"] } });
    mock.script([
      { toolCalls: bashCalls(["echo planted >&../outside/f", "echo planted > ../outside/g", "echo ok > inside.txt"]) },
      { text: ["Done."] },
    ]);
    const { json } = await runJson(["--permission-mode", "workspace-write", "-p", "write"], { cwd, env });
    const [first, second, third] = json.tool_results;
    expect(first?.is_error).toBe(true);
    expect(first?.output).toContain(`Command 'echo planted >&../outside/f' writes outside the workspace ${cwd}: ../outside/f (${join(outside, "f")})`);
    expect(second?.is_error).toBe(true);
    expect(second?.output).toContain("writes outside the workspace");
    expect(third?.is_error).toBe(false);
    expect(existsSync(join(outside, "f"))).toBe(false);
    expect(existsSync(join(outside, "g"))).toBe(false);
    expect(readFileSync(join(cwd, "inside.txt"), "utf8")).toBe("ok\n");
  });
});

describe("protected paths", () => {
  it("refuses Write of .claude/settings.json in workspace-write with -p, naming the setting that allows it", async () => {
    const { cwd, env } = workspace({});
    mock.script([
      { toolCalls: [{ id: "toolu_1", name: "Write", input: { file_path: ".claude/settings.json", content: '{"hooks":{}}' } }] },
      { text: ["Refused."] },
    ]);
    const run = await runAxion(["--permission-mode", "workspace-write", "-p", "configure"], { cwd, env, timeoutMs: 30_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("⎿ Error: Writing .claude/settings.json needs approval: it is a protected path");
    const body = mock.requests.at(-1)?.body as { messages: { content: unknown }[] };
    expect(JSON.stringify(body.messages.at(-1)?.content)).toContain(
      'Writing .claude/settings.json needs approval: it is a protected path (settings, hooks and MCP servers there run at the next start); approve it, or add \\"Edit(.claude/**)\\" to permissions.allow',
    );
    expect(run.stdout).toBe("Refused.\n");
    expect(existsSync(join(cwd, ".claude", "settings.json"))).toBe(false);
  });

  it("allows it once the user settings name the path", async () => {
    const { cwd, env } = workspace({ permissions: { allow: ["Edit(.claude/**)"] } });
    mock.script([
      { toolCalls: [{ id: "toolu_1", name: "Write", input: { file_path: ".claude/settings.json", content: "{}" } }] },
      { text: ["Written."] },
    ]);
    const { json } = await runJson(["--permission-mode", "workspace-write", "-p", "configure"], { cwd, env });
    expect(json.tool_results[0]?.is_error).toBe(false);
    expect(readFileSync(join(cwd, ".claude", "settings.json"), "utf8")).toBe("{}");
  });
});
