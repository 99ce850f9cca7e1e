#!/usr/bin/env node
// `pnpm bench:crash`: SIGKILL the built binary at random moments of a Bash tool loop, then `axion -c -p continue`
// against the strict mock (it refuses an invalid history with the real APIs' 400), for each wire format.
// Prints kills / resumable / failures per wire format. BENCH_KILLS (default 20 per format), BENCH_SEED.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { axionBin, ensureBuilt, printTable, repoRoot } from "./bench-lib.mjs";

ensureBuilt();
const build = spawn("pnpm", ["turbo", "run", "build", "--filter=@axion/mock-llm", "--output-logs=errors-only"], { cwd: repoRoot, stdio: "inherit" });
await new Promise((resolve) => build.on("close", resolve));
const { startMockLlm } = await import(join(repoRoot, "packages", "mock-llm", "dist", "index.js"));

const killsPerFormat = Number(process.env.BENCH_KILLS ?? 20);
let state = Number(process.env.BENCH_SEED ?? 20260101) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let value = state;
  value = Math.imul(value ^ (value >>> 15), value | 1);
  value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
  return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
};

const mock = await startMockLlm({ strict: true });
const formats = [
  { name: "anthropic", args: [], env: { ANTHROPIC_API_KEY: "bench-key", ANTHROPIC_BASE_URL: mock.baseUrl } },
  { name: "openai-chat", args: ["--model", "openai/gpt-4o"], env: { OPENAI_API_KEY: "bench-key", OPENAI_BASE_URL: `${mock.baseUrl}/v1` } },
  { name: "openai-responses", args: ["--model", "gpt-5-codex"], env: { OPENAI_API_KEY: "bench-key", OPENAI_BASE_URL: `${mock.baseUrl}/v1` } },
  { name: "ollama", args: ["--model", "ollama/qwen2.5-coder"], env: { OLLAMA_BASE_URL: mock.baseUrl } },
];

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
  // the code cache is off: on Node 20 a start from it loses the dynamic-import callback the Bash parser needs
  const env = { HOME: home, AXION_CONFIG_HOME: join(home, "config"), AXION_CACHE_DIR: "/dev/null/axion-cache", NO_COLOR: "1", PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, ...format.env };
  const loop = [...format.args, "--permission-mode", "danger-full-access"];
  mock.reset();
  await run([...loop, "-p", "start"], cwd, env);
  let kills = 0;
  let resumable = 0;
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
    mock.reset();
    const resumed = await run([...loop, "-c", "-p", "continue"], cwd, env);
    const rejected = mock.requests.filter((request) => request.rejected !== undefined);
    if (resumed.code === 0 && rejected.length === 0) resumable += 1;
    else failures.push(`${format.name} #${index}: exit ${resumed.code}${rejected.length > 0 ? `, refused: ${JSON.stringify(rejected[0].rejected)}` : ""}: ${resumed.stderr.trim().split("\n").at(-1)}`);
  }
  rows.push({ case: format.name, kills, resumable, failures: kills - resumable });
  rmSync(root, { recursive: true, force: true });
}
await mock.close();
printTable(`crash and resume (SIGKILL at random moments of a Bash loop, strict mock, seed ${process.env.BENCH_SEED ?? 20260101})`, rows);
const total = rows.reduce((sum, row) => ({ kills: sum.kills + row.kills, resumable: sum.resumable + row.resumable }), { kills: 0, resumable: 0 });
process.stdout.write(`total: ${total.kills} kills, ${total.resumable} resumable, ${total.kills - total.resumable} failures\n`);
for (const failure of failures) process.stdout.write(`  ${failure}\n`);
process.exitCode = total.kills === total.resumable ? 0 : 1;
