// Shared helpers for the benchmark scripts: a cleared environment, timed child runs, medians.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
export const axionBin = join(repoRoot, "apps", "cli", "dist", "axion.cjs");

/** PATH and HOME only: variables such as NODE_EXTRA_CA_CERTS slow every node start. */
export function clearedEnv(extra = {}) {
  return { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: process.env.HOME ?? "/tmp", ...extra };
}

/** Runs `env -i <env> command args…` once and returns the wall time in milliseconds. */
export function timeRun(command, args, { env = clearedEnv(), cwd = repoRoot, input } = {}) {
  const envArgs = Object.entries(env).map(([key, value]) => `${key}=${value}`);
  const started = process.hrtime.bigint();
  const result = spawnSync("env", ["-i", ...envArgs, command, ...args], { cwd, input, encoding: "utf8" });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${(result.stderr ?? "").trim().slice(0, 400)}`);
  }
  return elapsed;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Alternates the commands run by run so machine noise hits all of them alike. */
export function alternate(runs, cases) {
  const samples = cases.map(() => []);
  for (let run = 0; run < runs; run += 1) {
    cases.forEach((benchCase, index) => samples[index].push(benchCase()));
  }
  return samples;
}

export function ensureBuilt() {
  if (existsSync(axionBin)) return;
  const result = spawnSync("pnpm", ["turbo", "run", "build", "--filter=@axion/cli...", "--output-logs=errors-only"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("building the axion binary failed");
}

export function printTable(title, rows) {
  const header = ["case", ...Object.keys(rows[0]).filter((key) => key !== "case")];
  const widths = header.map((key) => Math.max(key.length, ...rows.map((row) => String(row[key]).length)));
  const line = (cells) => cells.map((cell, index) => String(cell).padEnd(widths[index])).join("  ");
  process.stdout.write(`\n${title}\n${line(header)}\n${line(widths.map((width) => "-".repeat(width)))}\n`);
  for (const row of rows) process.stdout.write(`${line(header.map((key) => row[key]))}\n`);
}
