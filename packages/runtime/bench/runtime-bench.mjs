#!/usr/bin/env node
// `pnpm --filter @axion/runtime bench`: per-iteration agent-loop overhead (a client that answers at once,
// a no-op tool; goal ≤ 5 ms), resuming a 10 000-message session (goal ≤ 300 ms) and the bubblewrap sandbox's cost
// per Bash call (goal ≤ 15 ms). Uses the built dist.
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { detectSandbox, runAgentTurn, runCommand, sandboxFor, SessionStore, ToolDispatcher } from "../dist/index.js";
import { analyzeShellCommand, loadShellParser, PermissionPolicy } from "../dist/index.js";

const usage = { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

/** A provider client that answers instantly: N tool-call replies, then text. */
function instantClient(toolIterations) {
  let served = 0;
  return {
    provider: "anthropic",
    model: "claude-sonnet-4-6",
    async send() {
      throw new Error("not used");
    },
    async *stream() {
      const toolTurn = served < toolIterations;
      served += 1;
      yield { type: "message_start", message: { id: `msg_${served}`, type: "message", role: "assistant", model: "claude-sonnet-4-6", content: [], stop_reason: null, stop_sequence: null, usage } };
      if (toolTurn) {
        yield { type: "content_block_start", index: 0, content_block: { type: "tool_use", id: `toolu_${served}`, name: "Noop", input: {} } };
        yield { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: `{"n":${served}` } };
        yield { type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: "}" } };
        yield { type: "content_block_stop", index: 0 };
      } else {
        yield { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } };
        yield { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "done" } };
        yield { type: "content_block_stop", index: 0 };
      }
      yield { type: "message_delta", delta: { stop_reason: toolTurn ? "tool_use" : "end_turn", stop_sequence: null }, usage: { output_tokens: 5 } };
      yield { type: "message_stop" };
    },
  };
}

const noop = {
  name: "Noop",
  description: "does nothing",
  inputSchema: { type: "object", properties: { n: { type: "number" } }, additionalProperties: false },
  requiredPermission: "read-only",
  validate: (input) => ({ ok: true, value: input }),
  execute: async () => ({ content: "ok" }),
};

async function loopOverhead(iterations) {
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), "axion-bench-loop-")));
  const registry = { list: () => [noop], get: (name) => (name === "Noop" ? noop : undefined) };
  const store = new SessionStore({ cwd });
  const writer = store.create({ model: "claude-sonnet-4-6" });
  const dispatcher = new ToolDispatcher({
    tools: registry,
    cwd,
    permissionMode: () => "read-only",
    permissions: { check: async () => ({ allowed: true, reason: "" }) },
    createContext: (call, signal) => ({ cwd, sessionId: writer.id, toolUseId: call.id, permissionMode: "read-only", signal, env: {}, services: {}, fs: {}, exec: async () => ({}) }),
  });
  const started = process.hrtime.bigint();
  const result = await runAgentTurn(
    { client: instantClient(iterations), systemPrompt: "bench", tools: registry, dispatcher, messages: [], transcript: writer, maxTokens: 1024, maxTurns: iterations + 1 },
    "go",
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  writer.close();
  if (result.iterations !== iterations + 1) throw new Error(`expected ${iterations + 1} iterations, got ${result.iterations}`);
  return elapsed / result.iterations;
}

function resumeLarge(messageCount) {
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), "axion-bench-resume-")));
  const store = new SessionStore({ cwd });
  const writer = store.create({ model: "claude-sonnet-4-6" });
  for (let index = 0; index < messageCount; index += 1) {
    if (index % 2 === 0) {
      writer.appendMessage({ role: "user", content: [{ type: "text", text: `request ${index}: please look at src/module-${index}.ts and explain the function` }] });
    } else {
      writer.appendMessage(
        { role: "assistant", content: [{ type: "text", text: `The function in module ${index} parses input and returns a value. `.repeat(3) }] },
        { usage, model: "claude-sonnet-4-6" },
      );
    }
  }
  const id = writer.id;
  writer.close();
  const samples = [];
  for (let run = 0; run < 7; run += 1) {
    const started = process.hrtime.bigint();
    const { session, writer: resumed } = store.resume(id);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    resumed.close();
    if (session.messages.length !== messageCount) throw new Error(`resumed ${session.messages.length} messages, expected ${messageCount}`);
  }
  samples.sort((a, b) => a - b);
  return samples[3];
}

/**
 * `runCommand("true")` with and without the workspace-write sandbox, `runs` of each, interleaved so machine noise
 * hits both alike; the median of each and their difference. Undefined when bwrap cannot run here.
 */
async function sandboxOverhead(runs) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "axion-bench-sandbox-")));
  try {
    const workspace = join(root, "workspace");
    const home = join(root, "home");
    mkdirSync(workspace, { recursive: true });
    mkdirSync(join(home, ".axion"), { recursive: true });
    const decision = sandboxFor({ mode: "workspace-write", workspace, env: process.env, home, configHome: join(home, ".axion") });
    if (decision.spec === undefined) return undefined;
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
    const timed = async (sandbox) => {
      const started = process.hrtime.bigint();
      const result = await runCommand("true", { cwd: workspace, env, ...(sandbox ? { sandbox } : {}) });
      if (result.exitCode !== 0) throw new Error(`true exited ${result.exitCode}: ${result.stderr}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const plain = [];
    const sandboxed = [];
    await timed(undefined);
    await timed(decision.spec);
    for (let run = 0; run < runs; run += 1) {
      plain.push(await timed(undefined));
      sandboxed.push(await timed(decision.spec));
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return { plain: median(plain), sandboxed: median(sandboxed), difference: median(sandboxed) - median(plain) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * The bash parser's one-time load, then the cost of one permission check of a Bash call: `analyzeShellCommand`
 * alone and the whole `PermissionPolicy.decide` (allow rules, guard, write targets), per call over typical commands.
 */
async function shellCheckCost(rounds) {
  const started = process.hrtime.bigint();
  await loadShellParser();
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  const root = realpathSync(mkdtempSync(join(tmpdir(), "axion-bench-shell-")));
  try {
    const commands = [
      "git status --short",
      "npm test 2>&1 | tail -n 20",
      "ls -la src && cat package.json",
      "cd packages/runtime && npx vitest run src/permissions > out.txt",
      "find . -name '*.ts' -not -path './node_modules/*' | xargs grep -l TODO",
      "bash -c 'git diff --stat && git log --oneline -5'",
      "timeout 60 env CI=1 pnpm --filter @axion/runtime test",
      'for f in a b c; do echo "$f" >> list.txt; done',
    ];
    const timed = async (run) => {
      for (const command of commands) await run(command); // warm-up
      const begin = process.hrtime.bigint();
      for (let round = 0; round < rounds; round += 1) for (const command of commands) await run(command);
      return Number(process.hrtime.bigint() - begin) / 1e3 / (rounds * commands.length);
    };
    const analyzeUs = await timed((command) => analyzeShellCommand(command, { cwd: root, home: root }));
    const policy = new PermissionPolicy({ mode: "workspace-write", cwd: root, home: root, allow: ["Bash(git:*)", "Bash(npm test:*)", "Bash(ls:*)"], deny: ["Bash(rm:*)"] });
    const request = (command) => ({ toolName: "Bash", requiredPermission: "danger-full-access", input: { command } });
    const decideUs = await timed((command) => policy.decide(request(command)));
    return { loadMs, analyzeUs, decideUs };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await loopOverhead(50); // warm-up
const perIteration = [await loopOverhead(200), await loopOverhead(200), await loopOverhead(200)].sort((a, b) => a - b)[1];
const resumeMs = resumeLarge(10_000);
const sandbox = await sandboxOverhead(50);
const shell = await shellCheckCost(500);
process.stdout.write("\nruntime\n");
process.stdout.write(`${"case".padEnd(44)}${"result".padStart(12)}${"goal".padStart(12)}\n`);
process.stdout.write(`${"agent loop overhead per iteration".padEnd(44)}${`${perIteration.toFixed(2)} ms`.padStart(12)}${"≤ 5 ms".padStart(12)}\n`);
process.stdout.write(`${"resume a 10 000-message session".padEnd(44)}${`${resumeMs.toFixed(1)} ms`.padStart(12)}${"≤ 300 ms".padStart(12)}\n`);
if (sandbox === undefined) {
  const detection = detectSandbox();
  process.stdout.write(`${"sandbox cost per Bash call".padEnd(44)}${"n/a".padStart(12)}${"≤ 15 ms".padStart(12)}  (${detection.available ? "sandbox off" : detection.reason})\n`);
} else {
  process.stdout.write(
    `${"sandbox cost per Bash call (median, N=50)".padEnd(44)}${`${sandbox.difference.toFixed(1)} ms`.padStart(12)}${"≤ 15 ms".padStart(12)}  (true: ${sandbox.plain.toFixed(1)} ms plain, ${sandbox.sandboxed.toFixed(1)} ms in bwrap)\n`,
  );
}
process.stdout.write(`${"bash parser load (once, on the first check)".padEnd(44)}${`${shell.loadMs.toFixed(1)} ms`.padStart(12)}${"".padStart(12)}\n`);
process.stdout.write(`${"shell analysis per Bash command".padEnd(44)}${`${shell.analyzeUs.toFixed(0)} µs`.padStart(12)}${"≤ 1 ms".padStart(12)}\n`);
process.stdout.write(`${"permission decision per Bash call".padEnd(44)}${`${shell.decideUs.toFixed(0)} µs`.padStart(12)}${"≤ 1 ms".padStart(12)}\n`);
