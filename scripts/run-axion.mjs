#!/usr/bin/env node
// `pnpm axion …`: builds what the binary needs (turbo caches it) and runs it with the given arguments.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot, axionBin } from "./bench-lib.mjs";

const build = spawnSync(
  join(repoRoot, "node_modules", ".bin", "turbo"),
  ["run", "build", "--filter=@axion/cli...", "--output-logs=errors-only", "--log-prefix=none"],
  { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" } },
);
if (build.status !== 0) {
  process.stderr.write("axion: building the CLI failed; run `pnpm build` to see why\n");
  process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [axionBin, ...process.argv.slice(2)], { stdio: "inherit", cwd: process.env.INIT_CWD ?? process.cwd() });
process.exit(run.status ?? (run.signal === "SIGINT" ? 130 : 1));
