// SIGTERM, SIGHUP and SIGKILL against the built binary while a tool runs: the exit code of the contract, the
// session left resumable, and no tool process left behind.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { processRunning as alive, waitUntil } from "../test-support/processes.js";
import { AXION_BIN, testWorkspace } from "../test-support/run-axion.js";

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());

/** Starts `axion -p` on a Bash call that records its pid and a background child's pid, then sleeps. */
async function startLongTool() {
  const { cwd, env } = testWorkspace(mock.baseUrl, { prefix: "axion-signals-" });
  mock.script([
    { toolCalls: [{ id: "toolu_sleep", name: "Bash", input: { command: "sleep 120 & echo $! > bg.pid; echo $$ > fg.pid; sleep 120", timeout: 600000 } }] },
    { text: ["never"] },
  ]);
  const child = spawn(process.execPath, [AXION_BIN, "--permission-mode", "danger-full-access", "-p", "run it"], { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  const pidIn = (name: string): number => (existsSync(join(cwd, name)) ? Number(readFileSync(join(cwd, name), "utf8").trim() || "0") : 0);
  // both files written in full (an empty one would read as pid 0, which is this process group)
  await waitUntil(() => pidIn("fg.pid") > 0 && pidIn("bg.pid") > 0, 15_000, "the tool to write its pids");
  const pids = [pidIn("fg.pid"), pidIn("bg.pid")];
  expect(pids.every(alive)).toBe(true);
  return { child, cwd, exited, pids, stderr: () => stderr };
}

function sessionText(cwd: string): string {
  const directory = join(cwd, ".axion", "sessions");
  return readdirSync(directory).map((name) => readFileSync(join(directory, name), "utf8")).join("");
}

describe("signals", () => {
  for (const [signal, code] of [["SIGTERM", 143], ["SIGHUP", 129]] as const) {
    it(`${signal} ends the turn like Ctrl-C, records the interruption, kills the tool's processes and exits ${code}`, async () => {
      const run = await startLongTool();
      run.child.kill(signal);
      const { code: exitCode } = await run.exited;
      expect(exitCode).toBe(code);
      expect(run.stderr()).toContain(`stopped by ${signal}`);
      await waitUntil(() => run.pids.every((pid) => !alive(pid)), 15_000, "the tool's processes to end");
      // the tool call has its result in the session: a resume sends a valid history
      const text = sessionText(run.cwd);
      expect(text).toContain('"tool_use_id":"toolu_sleep"');
    }, 60_000);
  }

  it("after SIGKILL the tool's processes die with axion (the watchdog)", async () => {
    const run = await startLongTool();
    run.child.kill("SIGKILL");
    await run.exited;
    await waitUntil(() => run.pids.every((pid) => !alive(pid)), 15_000, "the tool's processes to end");
  }, 60_000);
});
