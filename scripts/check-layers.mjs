#!/usr/bin/env node
// The layer gate: dependency-cruiser on the import graph of every package's sources, plus a check
// that each package.json declares only internal dependencies its layer allows.
// Usage: node scripts/check-layers.mjs [--root <monorepo folder>]   (default: this repository)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const rootFlag = process.argv.indexOf("--root");
const targetRoot = rootFlag >= 0 ? resolve(process.argv[rootFlag + 1] ?? ".") : repoRoot;
const { packages } = JSON.parse(readFileSync(join(repoRoot, "scripts", "layers.json"), "utf8"));

const problems = [];

// 1. package.json dependencies
for (const [name, entry] of Object.entries(packages)) {
  const manifestPath = join(targetRoot, entry.dir, "package.json");
  if (!existsSync(manifestPath)) {
    problems.push(`${entry.dir}/package.json: missing (the layer table lists ${name})`);
    continue;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  if (manifest.name !== name) problems.push(`${entry.dir}/package.json: name is ${manifest.name}, expected ${name}`);
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"]) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (!dependency.startsWith("@axion/")) continue;
      const target = packages[dependency];
      const where = `${entry.dir}/package.json ${field}.${dependency}`;
      if (!target) {
        problems.push(`${where}: not a package of the layer table`);
        continue;
      }
      if (dependency === name) problems.push(`${where}: a package cannot depend on itself`);
      else if (target.layer > entry.layer) problems.push(`${where}: upward dependency (layer ${entry.layer} → ${target.layer})`);
      else if (target.layer === entry.layer) problems.push(`${where}: sibling dependency inside layer ${entry.layer}`);
      if (target.devOnly && field !== "devDependencies") problems.push(`${where}: ${dependency} may only be a devDependency`);
      if (range !== "workspace:^") problems.push(`${where}: internal dependencies use "workspace:^", found "${range}"`);
    }
  }
}

// 2. imports, through dependency-cruiser
const sourceDirs = Object.values(packages)
  .map((entry) => join(entry.dir, "src"))
  .filter((dir) => existsSync(join(targetRoot, dir)));
const depcruise = join(repoRoot, "node_modules", ".bin", "depcruise");
const result = spawnSync(
  depcruise,
  ["--config", join(repoRoot, ".dependency-cruiser.cjs"), "--output-type", "err", ...sourceDirs],
  { cwd: targetRoot, encoding: "utf8" },
);
if (result.error) problems.push(`dependency-cruiser could not run: ${result.error.message}`);
const cruiseOutput = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
if (result.status !== 0) {
  problems.push(cruiseOutput || `dependency-cruiser exited with ${result.status}`);
}

if (problems.length > 0) {
  process.stderr.write(`check:layers failed\n${problems.join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(`check:layers ok: ${Object.keys(packages).length} packages, imports and package.json dependencies follow the layer table\n`);
