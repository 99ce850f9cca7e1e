#!/usr/bin/env node
// `pnpm bench`: every benchmark in one run. Each prints its own table; none is a test.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./bench-lib.mjs";

const build = spawnSync("pnpm", ["turbo", "run", "build", "--output-logs=errors-only"], { cwd: repoRoot, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const steps = [["node", [join(repoRoot, "scripts", "bench-startup.mjs")]]];
// packages with their own `bench` script (e.g. @axion/api's SSE throughput)
for (const group of ["packages", "apps"]) {
  for (const name of ["api", "runtime", "tools", "cli"]) {
    const manifestPath = join(repoRoot, group, name, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (manifest.scripts?.bench) steps.push(["pnpm", ["--filter", manifest.name, "run", "--silent", "bench"]]);
  }
}
let failed = false;
for (const [command, args] of steps) {
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: "inherit" });
  if (result.status !== 0) {
    failed = true;
    process.stderr.write(`bench step failed: ${command} ${args.join(" ")}\n`);
  }
}
process.exit(failed ? 1 : 0);
