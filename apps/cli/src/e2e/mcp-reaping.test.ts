// The stdio MCP servers axion started do not outlive axion, even when axion is killed with SIGKILL: the reference
// "everything" server, and a server that keeps running when its stdin closes and has a helper process of its own.
// The built binary against @axion/mock-llm.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { processRunning as alive, waitUntil as waitFor } from "../test-support/processes.js";
import { AXION_BIN, testWorkspace } from "../test-support/run-axion.js";

const require = createRequire(import.meta.url);
const everythingServer = join(dirname(require.resolve("@modelcontextprotocol/server-everything/package.json")), "dist", "index.js");
const lingeringServer = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "lingering-mcp-server.mjs");

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});

/** Processes running `script` with `marker` in their environment. */
function serverProcesses(script: string, marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").includes(script)) continue;
      if (readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`AXION_TEST_MARKER=${marker}`)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** Parent pid and process group of `pid`. */
function parentAndGroup(pid: number): [number, number] {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return [Number(fields[1]), Number(fields[2])];
}

describe("MCP server reaping", () => {
  it("kills the stdio servers from the user settings, and what they started, within seconds after axion is SIGKILLed", async () => {
    const { cwd, env, home } = testWorkspace(mock.baseUrl, { prefix: "axion-mcp-reap-" });
    const marker = `axion-reap-${process.pid}-${Date.now()}`;
    const leftovers: number[] = [];
    onTestFinished(() => {
      for (const pid of leftovers) if (alive(pid)) process.kill(pid, "SIGKILL");
      rmSync(dirname(cwd), { recursive: true, force: true });
    });
    const childPidFile = join(home, "helper.pid");
    const environment = { AXION_TEST_MARKER: marker };
    writeFileSync(
      join(home, "config", "settings.json"),
      JSON.stringify({
        mcpServers: {
          everything: { command: process.execPath, args: [everythingServer, "stdio"], env: environment },
          lingering: { command: process.execPath, args: [lingeringServer], env: { ...environment, CHILD_PID_FILE: childPidFile } },
        },
      }),
    );
    mock.reset();
    // the model takes its time, so axion is mid-request, the server connected, when it is killed
    mock.script([{ text: ["too late"], delayMs: 30_000 }]);
    const child = spawn(process.execPath, [AXION_BIN, "-p", "hello"], { cwd, env, stdio: ["ignore", "ignore", "pipe"], detached: true });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_code, signal) => resolve(signal)));

    await waitFor(() => mock.requests.length > 0, 30_000, "axion's request to the model");
    const tools = (mock.requests[0]!.body as { tools: { name: string }[] }).tools.map((tool) => tool.name);
    expect(tools).toEqual(expect.arrayContaining(["mcp__everything__echo", "mcp__lingering__ping"]));
    const everything = serverProcesses(everythingServer, marker);
    const lingering = serverProcesses(lingeringServer, marker);
    expect(everything, stderr).toHaveLength(1);
    expect(lingering, stderr).toHaveLength(1);
    const helper = Number(readFileSync(childPidFile, "utf8"));
    const servers = [everything[0]!, lingering[0]!];
    leftovers.push(...servers, helper);
    // each server is axion's child, in axion's process group (not a group of its own that the tool reaper kills)
    for (const server of servers) expect(parentAndGroup(server)).toEqual([child.pid, child.pid]);
    expect(parentAndGroup(helper)[0]).toBe(lingering[0]);

    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    // their stdin is closed now: the everything server ends on that, the lingering one does not; the watchdog
    // ends both, and the helper the lingering one started
    for (const pid of [...servers, helper]) await waitFor(() => !alive(pid), 5_000, `process ${pid} to be gone`);
    expect([...serverProcesses(everythingServer, marker), ...serverProcesses(lingeringServer, marker)]).toEqual([]);
  }, 60_000);

  it("ends what a stdio server started when axion closes it on a normal exit", async () => {
    const { cwd, env, home } = testWorkspace(mock.baseUrl, { prefix: "axion-mcp-close-" });
    const marker = `axion-close-${process.pid}-${Date.now()}`;
    const childPidFile = join(home, "helper.pid");
    onTestFinished(() => {
      try {
        process.kill(Number(readFileSync(childPidFile, "utf8")), "SIGKILL");
      } catch {
        // gone, as it should be
      }
      rmSync(dirname(cwd), { recursive: true, force: true });
    });
    writeFileSync(
      join(home, "config", "settings.json"),
      JSON.stringify({ mcpServers: { lingering: { command: process.execPath, args: [lingeringServer], env: { AXION_TEST_MARKER: marker, CHILD_PID_FILE: childPidFile } } } }),
    );
    mock.reset();
    mock.script([{ text: ["done"] }]);
    const child = spawn(process.execPath, [AXION_BIN, "-p", "hello"], { cwd, env, stdio: ["ignore", "ignore", "pipe"], detached: true });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    expect(await exited).toBe(0);
    const helper = Number(readFileSync(childPidFile, "utf8"));
    await waitFor(() => !alive(helper), 5_000, `the server's helper ${helper} to be gone`);
    expect(serverProcesses(lingeringServer, marker)).toEqual([]);
  }, 60_000);
});
