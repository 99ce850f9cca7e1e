#!/usr/bin/env node
// `pnpm bench:startup`: `axion --version` against `node -e 0`, alternated, in a cleared environment.
// Goal: median ratio ≤ 1.3.
import { alternate, axionBin, ensureBuilt, median, printTable, timeRun } from "./bench-lib.mjs";

const runs = Number(process.env.BENCH_RUNS ?? 20);
ensureBuilt();
const node = process.execPath;
// one warm-up each so the page cache holds both files
timeRun(node, ["-e", "0"]);
timeRun(node, [axionBin, "--version"]);
const [baseline, version] = alternate(runs, [() => timeRun(node, ["-e", "0"]), () => timeRun(node, [axionBin, "--version"])]);
const baselineMedian = median(baseline);
const versionMedian = median(version);
const ratio = versionMedian / baselineMedian;
printTable(`start-up (${runs} runs each, env -i PATH HOME)`, [
  { case: "node -e 0", "median ms": baselineMedian.toFixed(1) },
  { case: "axion --version", "median ms": versionMedian.toFixed(1) },
]);
process.stdout.write(`ratio axion --version / node -e 0 = ${ratio.toFixed(2)} (goal ≤ 1.30)\n`);
