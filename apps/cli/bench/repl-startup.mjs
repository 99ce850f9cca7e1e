#!/usr/bin/env node
// REPL start-up: time from launching `axion` in a pseudo-terminal (`script -qfc`) until its prompt is drawn, as a
// ratio to `node -e 0`, alternated in one run, both in a cleared environment (env -i with PATH and HOME only, plus
// the provider key and config home axion needs to build a session). Goal: ≤ 5× `node -e 0`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, "..", "dist", "axion.cjs");
const runs = Math.max(10, Number(process.env.BENCH_RUNS ?? 15));
const PROMPT_MARKER = "❯";
const GOAL = 5;

if (!existsSync(bin)) {
  process.stderr.write(`repl-startup: ${bin} is missing; run \`pnpm --filter @axion/cli build\` first\n`);
  process.exit(1);
}
if (spawnSync("script", ["--version"], { encoding: "utf8" }).status !== 0) {
  process.stderr.write("repl-startup: needs `script` (util-linux) to give axion a pseudo-terminal\n");
  process.exit(1);
}

const home = mkdtempSync(join(tmpdir(), "axion-bench-home-"));
const workspace = mkdtempSync(join(tmpdir(), "axion-bench-work-"));
const basePath = `${dirname(process.execPath)}:/usr/bin:/bin`;
const quote = (value) => `'${String(value).replace(/'/g, `'\\''`)}'`;

function envArgs(extra = {}) {
  return Object.entries({ PATH: basePath, HOME: home, ...extra }).map(([key, value]) => `${key}=${value}`);
}

/** `node -e 0` in a cleared environment: wall time to exit. */
function timeNode() {
  const started = process.hrtime.bigint();
  const result = spawnSync("env", ["-i", ...envArgs(), process.execPath, "-e", "0"], { cwd: workspace });
  if (result.status !== 0) throw new Error(`node -e 0 exited ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** axion in a pseudo-terminal: wall time until the prompt marker is printed; then Ctrl-D ends it. */
function timeRepl() {
  const axionEnv = envArgs({
    AXION_CONFIG_HOME: join(home, "config"),
    ANTHROPIC_API_KEY: "bench-key",
    // never contacted: the REPL does not call the model before the first prompt
    ANTHROPIC_BASE_URL: "http://127.0.0.1:9",
  });
  const command = ["env", "-i", ...axionEnv, process.execPath, bin, "--model", "sonnet"].map(quote).join(" ");
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn("script", ["-qfc", command, "/dev/null"], { cwd: workspace, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    let elapsed;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no prompt within 30 s; output:\n${output}`));
    }, 30_000);
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      output += chunk;
      if (elapsed === undefined && output.includes(PROMPT_MARKER)) {
        elapsed = Number(process.hrtime.bigint() - started) / 1e6;
        child.stdin.write("\x04");
      }
    });
    child.on("error", reject);
    child.on("close", () => {
      clearTimeout(timer);
      if (elapsed === undefined) reject(new Error(`axion exited before its prompt; output:\n${output}`));
      else resolve(elapsed);
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// warm the file cache once
timeNode();
await timeRepl();
const samples = { node: [], repl: [] };
for (let run = 0; run < runs; run += 1) {
  samples.node.push(timeNode());
  samples.repl.push(await timeRepl());
}

const base = median(samples.node);
const replMedian = median(samples.repl);
const ratio = replMedian / base;
process.stdout.write(`\nREPL start-up to the prompt (${runs} runs each, env -i PATH HOME, axion in a pty via script)\n`);
process.stdout.write(`${"case".padEnd(32)}${"median ms".padStart(10)}${"ratio".padStart(8)}${"goal".padStart(9)}\n`);
process.stdout.write(`${"node -e 0".padEnd(32)}${base.toFixed(1).padStart(10)}${(1).toFixed(2).padStart(8)}${"".padStart(9)}\n`);
process.stdout.write(`${"axion (REPL prompt ready)".padEnd(32)}${replMedian.toFixed(1).padStart(10)}${ratio.toFixed(2).padStart(8)}${`≤ ${GOAL.toFixed(1)}×`.padStart(9)}\n`);
if (ratio > GOAL) process.stdout.write(`over the goal: ${ratio.toFixed(2)}× > ${GOAL}×\n`);
