#!/usr/bin/env node
// `pnpm bench:crash`: SIGKILL the built binary at random moments of a Bash tool loop, then `axion -c -p continue`
// against the strict mock (it refuses an invalid history with the real APIs' 400), for each wire format.
// The Anthropic loop runs a second time with a stdio MCP server configured (one that outlives a closed stdin).
// After each kill, the processes still running in the workspace (tool commands, MCP servers) are counted as orphans.
// Prints kills / resumable / orphans / failures per case. BENCH_KILLS (default 20 per case), BENCH_SEED.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { axionBin, ensureBuilt, printTable, repoRoot } from "./bench-lib.mjs";

ensureBuilt();
const build = spawn("pnpm", ["turbo", "run", "build", "--filter=@axion/mock-llm", "--output-logs=errors-only"], { cwd: repoRoot, stdio: "inherit" });
await new Promise((resolve) => build.on("close", resolve));
const { seededRandom, startMockLlm } = await import(join(repoRoot, "packages", "mock-llm", "dist", "index.js"));

const killsPerFormat = Number(process.env.BENCH_KILLS ?? 20);
const random = seededRandom(Number(process.env.BENCH_SEED ?? 20260101));

const mock = await startMockLlm({ strict: true });
const formats = [
  { name: "anthropic", args: [], env: { ANTHROPIC_API_KEY: "bench-key", ANTHROPIC_BASE_URL: mock.baseUrl } },
  { name: "openai-chat", args: ["--model", "openai/gpt-4o"], env: { OPENAI_API_KEY: "bench-key", OPENAI_BASE_URL: `${mock.baseUrl}/v1` } },
  { name: "openai-responses", args: ["--model", "gpt-5-codex"], env: { OPENAI_API_KEY: "bench-key", OPENAI_BASE_URL: `${mock.baseUrl}/v1` } },
  { name: "ollama", args: ["--model", "ollama/qwen2.5-coder"], env: { OLLAMA_BASE_URL: mock.baseUrl } },
  { name: "anthropic + MCP server", args: [], env: { ANTHROPIC_API_KEY: "bench-key", ANTHROPIC_BASE_URL: mock.baseUrl }, mcp: true },
];
const lingeringServer = join(repoRoot, "apps", "cli", "src", "e2e", "fixtures", "lingering-mcp-server.mjs");

/** Processes (other than this one) whose working directory is inside `root`: what a killed axion left running. */
function processesIn(root) {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === root || cwd.startsWith(`${root}/`)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

async function orphansAfterKill(root) {
  // the watchdog needs a moment (SIGTERM, then SIGKILL a second later for single processes)
  const deadline = Date.now() + 3_000;
  let left = processesIn(root);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = processesIn(root);
  }
  for (const pid of left) {
    try {
      if (process.env.BENCH_VERBOSE) process.stdout.write(`orphan ${pid}: ${readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ")}\n`);
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return left.length;
}

function run(args, cwd, env, killAfterMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [axionBin, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    child.stdout.resume();
    const timer = killAfterMs === undefined ? setTimeout(() => child.kill("SIGKILL"), 60_000) : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

const rows = [];
const failures = [];
for (const format of formats) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "axion-bench-crash-")));
  const cwd = join(root, "work");
  const home = join(root, "home");
  mkdirSync(cwd, { recursive: true });
  mkdirSync(join(home, "config"), { recursive: true });
  const env = { HOME: home, AXION_CONFIG_HOME: join(home, "config"), NO_COLOR: "1", PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, ...format.env };
  if (format.mcp) {
    writeFileSync(join(home, "config", "settings.json"), JSON.stringify({ mcpServers: { lingering: { command: process.execPath, args: [lingeringServer] } } }));
  }
  const loop = [...format.args, "--permission-mode", "danger-full-access"];
  mock.reset();
  await run([...loop, "-p", "start"], cwd, env);
  let kills = 0;
  let resumable = 0;
  let orphans = 0;
  for (let index = 0; index < killsPerFormat; index += 1) {
    mock.reset();
    mock.script(
      Array.from({ length: 60 }, (_, call) => ({ toolCalls: [{ id: `call_${format.name.replace(/-/g, "_")}_${index}_${call}`, name: "Bash", input: { command: `sleep 0.2; echo ${call}` } }] })),
    );
    const killed = await run([...loop, "-c", "-p", "loop"], cwd, env, 200 + Math.floor(random() * 3_000));
    if (killed.signal !== "SIGKILL") {
      failures.push(`${format.name} #${index}: the loop ended before the kill (exit ${killed.code}): ${killed.stderr.trim().split("\n").at(-1)}`);
      continue;
    }
    kills += 1;
    orphans += await orphansAfterKill(root);
    mock.reset();
    const resumed = await run([...loop, "-c", "-p", "continue"], cwd, env);
    const rejected = mock.requests.filter((request) => request.rejected !== undefined);
    if (resumed.code === 0 && rejected.length === 0) resumable += 1;
    else failures.push(`${format.name} #${index}: exit ${resumed.code}${rejected.length > 0 ? `, refused: ${JSON.stringify(rejected[0].rejected)}` : ""}: ${resumed.stderr.trim().split("\n").at(-1)}`);
  }
  rows.push({ case: format.name, kills, resumable, orphans, failures: kills - resumable });
  rmSync(root, { recursive: true, force: true });
}
await mock.close();
printTable(`crash and resume (SIGKILL at random moments of a Bash loop, strict mock, seed ${process.env.BENCH_SEED ?? 20260101})`, rows);
const total = rows.reduce(
  (sum, row) => ({ kills: sum.kills + row.kills, resumable: sum.resumable + row.resumable, orphans: sum.orphans + row.orphans }),
  { kills: 0, resumable: 0, orphans: 0 },
);
process.stdout.write(`total: ${total.kills} kills, ${total.resumable} resumable, ${total.orphans} orphaned processes, ${total.kills - total.resumable} failures\n`);
for (const failure of failures) process.stdout.write(`  ${failure}\n`);
process.exitCode = total.kills === total.resumable && total.orphans === 0 ? 0 : 1;
