// A session survives an unclean exit: the built binary is SIGKILLed at random moments of a tool loop, and the next
// `axion -c` must succeed against a mock that refuses invalid histories exactly as the real APIs do. Two runs on
// one session never interleave: the second reports the lock (or waits with --wait, or forks with --fork-session).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "@axion/mock-llm";
import { bashLoopTurns, startAxion } from "../test-support/crash-loop.js";
import { waitUntil } from "../test-support/processes.js";
import { runAxion, testWorkspace, type TestWorkspace } from "../test-support/run-axion.js";

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlm({ strict: true });
});
afterAll(async () => {
  await mock.close();
});

const LOOP = ["--permission-mode", "danger-full-access"];

/** The workspace of a test; the V8 code cache is on, as for a user (the bash parser loads through require). */
function crashWorkspace(prefix: string, withKey = true): TestWorkspace {
  return testWorkspace(mock.baseUrl, { prefix, withKey });
}

function sessionRecords(cwd: string): { type: string; kind?: string }[] {
  const directory = join(cwd, ".axion", "sessions");
  const files = readdirSync(directory).filter((name) => name.endsWith(".jsonl"));
  expect(files).toHaveLength(1);
  return readFileSync(join(directory, files[0]!), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { type: string; kind?: string });
}

/** `axion -c -p continue` must succeed, with no request the strict mock refused. */
async function expectResumable(workspace: TestWorkspace, extra: readonly string[] = []): Promise<{ stderr: string }> {
  mock.reset();
  const run = await runAxion([...extra, ...LOOP, "-c", "-p", "continue"], { cwd: workspace.cwd, env: workspace.env });
  const rejected = mock.requests.filter((request) => request.rejected !== undefined).map((request) => JSON.stringify(request.rejected));
  expect(rejected, run.stderr).toEqual([]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain("Mock echo: ");
  return { stderr: run.stderr };
}

describe("crash and resume", () => {
  it("resumes after SIGKILL at random moments of a Bash tool loop (Anthropic wire)", async () => {
    const workspace = crashWorkspace("axion-crash-");
    mock.reset();
    expect((await runAxion(["-p", "start"], { cwd: workspace.cwd, env: workspace.env })).code).toBe(0);
    const random = seededRandom(20_260_101);
    const started = Date.now();
    let kills = 0;
    let tookOver = 0;
    // bounded: 12 kills, or fewer if the machine is slow (at least 6)
    while (kills < 12 && (kills < 6 || Date.now() - started < 35_000)) {
      mock.reset();
      mock.script(bashLoopTurns(`toolu_k${kills}`, 40));
      const run = startAxion([...LOOP, "-c", "-p", "loop"], { cwd: workspace.cwd, env: workspace.env });
      // half the kills at a random moment from start-up on, half while a tool runs (after a random number of calls)
      if (kills % 2 === 0) {
        await new Promise((resolve) => setTimeout(resolve, 150 + Math.floor(random() * 2_000)));
      } else {
        const calls = 1 + Math.floor(random() * 4);
        await waitUntil(() => (run.stderr().match(/● Bash\(/g) ?? []).length >= calls, 10_000, `${calls} Bash calls`).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 250)));
      }
      run.child.kill("SIGKILL");
      const exit = await run.exited;
      expect(exit.signal, run.stderr()).toBe("SIGKILL");
      kills += 1;
      const resumed = await expectResumable(workspace);
      if (resumed.stderr.includes("took over a lock left by pid")) tookOver += 1;
    }
    const records = sessionRecords(workspace.cwd);
    const repairs = records.filter((record) => record.type === "repair" && record.kind === "interrupted_tools");
    // the kills while a tool ran left a tool call without its result each time, repaired once
    expect(repairs.length).toBeGreaterThanOrEqual(Math.floor(kills / 2));
    expect(tookOver).toBeGreaterThan(0);
    // a second resume adds no second repair
    await expectResumable(workspace);
    expect(sessionRecords(workspace.cwd).filter((record) => record.type === "repair" && record.kind === "interrupted_tools")).toHaveLength(repairs.length);
  }, 120_000);

  const otherWires = [
    { label: "OpenAI chat", model: "openai/gpt-4o", env: (url: string) => ({ OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: `${url}/v1` }), path: "/v1/chat/completions" },
    { label: "OpenAI Responses", model: "gpt-5-codex", env: (url: string) => ({ OPENAI_API_KEY: "test-key", OPENAI_BASE_URL: `${url}/v1` }), path: "/v1/responses" },
    { label: "Ollama", model: "ollama/qwen2.5-coder", env: (url: string) => ({ OLLAMA_BASE_URL: url }), path: "/api/chat" },
  ];

  for (const wire of otherWires) {
    it(`resumes a session killed during a tool call (${wire.label})`, async () => {
      const base = crashWorkspace("axion-crash-", false);
      const workspace = { ...base, env: { ...base.env, ...wire.env(mock.baseUrl) } };
      const args = ["--model", wire.model, ...LOOP];
      mock.reset();
      mock.script(bashLoopTurns("call_loop", 40));
      const run = startAxion([...args, "-p", "loop"], { cwd: workspace.cwd, env: workspace.env });
      await waitUntil(() => (run.stderr().match(/● Bash\(/g) ?? []).length >= 2, 15_000, `two Bash calls: ${run.stderr()}`);
      run.child.kill("SIGKILL");
      await run.exited;
      expect(mock.requests.at(-1)?.path).toBe(wire.path);
      await expectResumable(workspace, ["--model", wire.model]);
      expect(mock.requests.every((request) => request.path === wire.path)).toBe(true);
      expect(sessionRecords(workspace.cwd).some((record) => record.type === "repair" && record.kind === "interrupted_tools")).toBe(true);
    }, 60_000);
  }

  it("resumes a session killed while the model was answering: the prompt is kept once", async () => {
    const workspace = crashWorkspace("axion-crash-");
    mock.reset();
    mock.script([{ text: "slow", delayMs: 10_000 }]);
    const run = startAxion(["-p", "write the tests"], { cwd: workspace.cwd, env: workspace.env });
    await waitUntil(() => mock.requests.length === 1, 15_000, "the first model request");
    run.child.kill("SIGKILL");
    await run.exited;
    mock.reset();
    const again = await runAxion(["-c", "-p", "write the tests"], { cwd: workspace.cwd, env: workspace.env });
    expect(again.code, again.stderr).toBe(0);
    const messages = (mock.requests[0]?.body as { messages: { role: string; content: unknown }[] }).messages;
    expect(messages).toEqual([{ role: "user", content: [{ type: "text", text: "write the tests" }] }]);
  }, 60_000);
});

describe("one writer per session", () => {
  it("two `axion -c -p` at once never interleave: one runs, the other reports the lock and exits 1", async () => {
    const workspace = crashWorkspace("axion-lock-");
    mock.reset();
    expect((await runAxion(["-p", "start"], { cwd: workspace.cwd, env: workspace.env })).code).toBe(0);
    const before = sessionRecords(workspace.cwd).length;
    mock.reset();
    mock.script([{ text: "slow answer", delayMs: 3_000 }]);
    const [first, second] = await Promise.all([
      runAxion(["-c", "-p", "one"], { cwd: workspace.cwd, env: workspace.env }),
      runAxion(["-c", "-p", "two"], { cwd: workspace.cwd, env: workspace.env }),
    ]);
    const codes = [first.code, second.code].sort();
    expect(codes).toEqual([0, 1]);
    const loser = first.code === 1 ? first : second;
    expect(loser.stderr.trim()).toMatch(
      /^axion: session [0-9a-f]{16} is in use by axion \(pid \d+, started \d\d:\d\d:\d\d\); wait for it with --wait, or continue in a copy with --fork-session$/,
    );
    expect(mock.requests).toHaveLength(1);
    const records = sessionRecords(workspace.cwd);
    // exactly the winner's prompt, reply and usage were added
    expect(records.slice(before).map((record) => record.type)).toEqual(["message", "message", "usage"]);
  }, 60_000);

  it("--wait waits for the running one, --fork-session continues in a copy", async () => {
    const workspace = crashWorkspace("axion-lock-");
    mock.reset();
    const start = await runAxion(["--output-format", "json", "-p", "start"], { cwd: workspace.cwd, env: workspace.env });
    const id = (JSON.parse(start.stdout) as { session_id: string }).session_id;
    mock.reset();
    mock.script([{ text: "slow answer", delayMs: 2_500 }]);
    const holder = startAxion(["-c", "-p", "one"], { cwd: workspace.cwd, env: workspace.env });
    await waitUntil(() => mock.requests.length === 1, 15_000, "the first model request");
    const [waited, forked, listed] = await Promise.all([
      runAxion(["--output-format", "json", "-r", id, "--wait", "-p", "two"], { cwd: workspace.cwd, env: workspace.env }),
      runAxion(["--output-format", "json", "-c", "--fork-session", "-p", "three"], { cwd: workspace.cwd, env: workspace.env }),
      // reading sessions needs no lock
      runAxion(["session", "list"], { cwd: workspace.cwd, env: workspace.env }),
    ]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(id);
    expect((await holder.exited).code).toBe(0);
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stderr).toMatch(new RegExp(`session ${id} is in use by axion \\(pid ${holder.child.pid}, started [0-9:]+\\); waiting for it to finish`));
    expect((JSON.parse(waited.stdout) as { session_id: string }).session_id).toBe(id);
    expect(forked.code, forked.stderr).toBe(0);
    expect((JSON.parse(forked.stdout) as { session_id: string }).session_id).not.toBe(id);
    // the waiting run saw the holder's turn in its history
    const lastRequest = mock.requests.find((request) => JSON.stringify(request.body).includes('"two"'));
    expect(JSON.stringify(lastRequest?.body)).toContain("slow answer");
  }, 60_000);
});
