#!/usr/bin/env node
// One-shot wall time: `axion -p` against @axion/mock-llm as a ratio to `node -e 0`, alternated in one run,
// both in a cleared environment (env -i with PATH and HOME only), plus the peak RSS of the one-shot.
// Goals: text reply ≤ 4×, one Bash tool loop ≤ 5×, peak RSS ≤ 100 MiB.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, "..", "dist", "axion.cjs");
const runs = Number(process.env.BENCH_RUNS ?? 15);
// the mock runs in its own process: spawnSync below blocks this one
const mockBin = join(dirname(createRequire(import.meta.url).resolve("@axion/mock-llm")), "cli.js");
const mockProcess = spawn(process.execPath, [mockBin, "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
const baseUrl = await new Promise((resolve, reject) => {
  let text = "";
  mockProcess.stdout.setEncoding("utf8").on("data", (chunk) => {
    text += chunk;
    const match = /MOCK_LLM_BASE_URL=(\S+)/.exec(text);
    if (match) resolve(match[1]);
  });
  mockProcess.on("exit", (code) => reject(new Error(`mock-llm exited ${code}`)));
});
const mock = { baseUrl, close: async () => void mockProcess.kill("SIGTERM") };
const home = mkdtempSync(join(tmpdir(), "axion-bench-home-"));
const workspace = mkdtempSync(join(tmpdir(), "axion-bench-work-"));
const rssFile = join(home, "rss.txt");

function envFor(extra = {}) {
  return { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: home, ...extra };
}

function timed(args, env, input) {
  const envArgs = Object.entries(env).map(([key, value]) => `${key}=${value}`);
  const started = process.hrtime.bigint();
  const result = spawnSync("env", ["-i", ...envArgs, process.execPath, ...args], { cwd: workspace, input, encoding: "utf8" });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

const axionEnv = envFor({ ANTHROPIC_API_KEY: "bench-key", ANTHROPIC_BASE_URL: mock.baseUrl, AXION_CONFIG_HOME: join(home, "config") });
const textArgs = [bin, "--model", "sonnet", "--permission-mode", "read-only", "-p", "PARITY_SCENARIO:streaming_text"];
const bashArgs = [bin, "--model", "sonnet", "--permission-mode", "danger-full-access", "-p", "PARITY_SCENARIO:bash_stdout_roundtrip"];

timed(["-e", "0"], envFor());
timed(textArgs, axionEnv);
const samples = { node: [], text: [], bash: [] };
for (let run = 0; run < runs; run += 1) {
  samples.node.push(timed(["-e", "0"], envFor()));
  samples.text.push(timed(textArgs, axionEnv));
  samples.bash.push(timed(bashArgs, axionEnv));
}
rmSync(rssFile, { force: true });
timed(["--require", join(here, "rss-probe.cjs"), ...textArgs], { ...axionEnv, AXION_BENCH_RSS_FILE: rssFile });
timed(["--require", join(here, "rss-probe.cjs"), ...bashArgs], { ...axionEnv, AXION_BENCH_RSS_FILE: rssFile });
const [textRss, bashRss] = readFileSync(rssFile, "utf8").trim().split("\n").map((kib) => Number(kib) / 1024);
await mock.close();

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const base = median(samples.node);
const rows = [
  ["node -e 0", base, 1, "", ""],
  ["axion -p (text reply)", median(samples.text), median(samples.text) / base, "≤ 4.0×", textRss],
  ["axion -p (one Bash tool loop)", median(samples.bash), median(samples.bash) / base, "≤ 5.0×", bashRss],
];
process.stdout.write(`\none-shot against mock-llm (${runs} runs each, env -i PATH HOME)\n`);
process.stdout.write(`${"case".padEnd(32)}${"median ms".padStart(10)}${"ratio".padStart(8)}${"goal".padStart(9)}${"peak RSS MiB".padStart(14)}\n`);
for (const [name, ms, ratio, goal, rss] of rows) {
  process.stdout.write(`${name.padEnd(32)}${ms.toFixed(1).padStart(10)}${ratio.toFixed(2).padStart(8)}${goal.padStart(9)}${(rss === "" ? "" : rss.toFixed(1)).padStart(14)}\n`);
}
process.stdout.write(`goal peak RSS ≤ 100 MiB\n`);
writeFileSync(join(home, "done"), "");
