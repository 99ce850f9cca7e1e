#!/usr/bin/env node
// `pnpm --filter @axion/tools bench`: the Grep tool on a generated 50 000-file tree against running `rg`
// directly on the same tree, alternated, medians. Goal: Grep ≤ 1.5× rg.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createToolContext } from "@axion/runtime";
import { grepTool } from "../dist/index.js";
import { ripgrepPath } from "../dist/ripgrep.js";

const files = Number(process.env.BENCH_FILES ?? 50_000);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const root = realpathSync(mkdtempSync(join(tmpdir(), "axion-bench-grep-")));
const perDir = 100;
for (let index = 0; index < files; index += 1) {
  const dir = join(root, "src", `pkg-${Math.floor(index / perDir)}`);
  if (index % perDir === 0) mkdirSync(dir, { recursive: true });
  const body = index % 50 === 0 ? `export const value${index} = computeNeedle(${index});\n` : `export const value${index} = ${index};\n`;
  writeFileSync(join(dir, `file-${index}.ts`), `// generated file ${index}\n${body}export default value${index};\n`);
}

const rg = await ripgrepPath();
const context = createToolContext({ cwd: root, permissionMode: "read-only" });
const input = { pattern: "computeNeedle", output_mode: "files_with_matches", head_limit: 0 };
const validated = grepTool.validate(input);
if (!validated.ok) throw new Error(validated.error);

async function timeGrepTool() {
  const started = process.hrtime.bigint();
  const output = await grepTool.execute(validated.value, context);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  const text = typeof output.content === "string" ? output.content : "";
  if (!text.includes("file-0.ts")) throw new Error(`Grep found nothing: ${text.slice(0, 200)}`);
  return elapsed;
}

function timeRg() {
  const started = process.hrtime.bigint();
  const result = spawnSync(rg, ["--no-config", "--files-with-matches", "computeNeedle", "."], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`rg exited ${result.status}`);
  return elapsed;
}

await timeGrepTool();
timeRg();
const tool = [];
const direct = [];
for (let run = 0; run < runs; run += 1) {
  tool.push(await timeGrepTool());
  direct.push(timeRg());
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
rmSync(root, { recursive: true, force: true });
process.stdout.write(`\nGrep on ${files} files (${runs} runs each)\n`);
process.stdout.write(`${"case".padEnd(36)}${"median ms".padStart(10)}\n`);
process.stdout.write(`${"rg --files-with-matches".padEnd(36)}${median(direct).toFixed(1).padStart(10)}\n`);
process.stdout.write(`${"Grep tool (files_with_matches)".padEnd(36)}${median(tool).toFixed(1).padStart(10)}\n`);
process.stdout.write(`ratio Grep / rg = ${(median(tool) / median(direct)).toFixed(2)} (goal ≤ 1.50)\n`);
