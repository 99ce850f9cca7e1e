import { chmodSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HookRunnerLike } from "../loop/tool-dispatcher.js";
import type { HooksConfig } from "./hooks-config.js";
import { HookRunner } from "./hook-runner.js";

let dir: string;

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), "axion-hooks-")));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes an executable shell script into the temp dir and returns its path. */
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/bash\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

function hooksFor(event: string, ...commands: (string | { command: string; timeout?: number; matcher?: string })[]): HooksConfig {
  return {
    [event]: commands.map((entry) =>
      typeof entry === "string"
        ? { hooks: [{ type: "command", command: entry }] }
        : { ...(entry.matcher === undefined ? {} : { matcher: entry.matcher }), hooks: [{ type: "command", command: entry.command, ...(entry.timeout === undefined ? {} : { timeout: entry.timeout }) }] },
    ),
  };
}

function runner(hooks: HooksConfig, extra: { source: string; config: HooksConfig }[] = []): HookRunner {
  return new HookRunner({
    hooks,
    extra,
    cwd: dir,
    sessionId: "session-123",
    transcriptPath: join(dir, "session.jsonl"),
    env: { PATH: process.env.PATH, HOOK_TEST_VALUE: "from-env" },
  });
}

const bashCall = { tool_name: "Bash", tool_input: { command: "ls" } };

describe("exit codes", () => {
  it("exit 0 succeeds; plain stdout is output for tool events and context for prompt and session events", async () => {
    const hook = script("ok.sh", "echo 'all good'");
    const pre = await runner(hooksFor("PreToolUse", hook)).run("PreToolUse", bashCall);
    expect(pre).toEqual({ blocked: false, additionalContext: [], systemMessages: [], warnings: [], output: ["all good"] });
    const prompt = await runner(hooksFor("UserPromptSubmit", hook)).run("UserPromptSubmit", { prompt: "hi" });
    expect(prompt.additionalContext).toEqual(["all good"]);
    const start = await runner(hooksFor("SessionStart", hook)).run("SessionStart", { source: "startup" });
    expect(start.additionalContext).toEqual(["all good"]);
  });

  it("exit 2 blocks with stderr as the reason", async () => {
    const hook = script("block.sh", "echo 'ignored stdout'; echo 'rm is not allowed here' >&2; exit 2");
    const outcome = await runner(hooksFor("PreToolUse", hook)).run("PreToolUse", bashCall);
    expect(outcome.blocked).toBe(true);
    expect(outcome.reason).toBe("rm is not allowed here");
    expect(outcome.output).toEqual([]);
  });

  it("another exit code is a warning line and does not block", async () => {
    const hook = script("fail.sh", "echo 'something broke' >&2; echo second >&2; exit 1");
    const outcome = await runner(hooksFor("PostToolUse", hook)).run("PostToolUse", bashCall);
    expect(outcome.blocked).toBe(false);
    expect(outcome.warnings).toEqual([`PostToolUse hook "${hook}" exited with code 1: something broke`]);
  });

  it("a command that cannot run is a warning", async () => {
    const outcome = await runner(hooksFor("Stop", join(dir, "missing.sh"))).run("Stop", {});
    expect(outcome.blocked).toBe(false);
    expect(outcome.warnings[0]).toMatch(/^Stop hook ".*missing\.sh" exited with code 127: .*No such file/);
  });
});

describe("stdout JSON", () => {
  const json = (name: string, value: unknown) => script(name, `cat > /dev/null\necho '${JSON.stringify(value)}'`);

  it("decision block with a reason blocks", async () => {
    const outcome = await runner(hooksFor("PostToolUse", json("b.sh", { decision: "block", reason: "tests fail after this edit" }))).run("PostToolUse", bashCall);
    expect(outcome).toMatchObject({ blocked: true, reason: "tests fail after this edit" });
  });

  it("systemMessage is collected", async () => {
    const outcome = await runner(hooksFor("Stop", json("m.sh", { systemMessage: "remember to commit" }))).run("Stop", {});
    expect(outcome.systemMessages).toEqual(["remember to commit"]);
    expect(outcome.blocked).toBe(false);
  });

  it("continue false stops the turn with stopReason", async () => {
    const outcome = await runner(hooksFor("PreToolUse", json("c.sh", { continue: false, stopReason: "budget exhausted" }))).run("PreToolUse", bashCall);
    expect(outcome.stopContinuation).toEqual({ reason: "budget exhausted" });
    expect(outcome).toMatchObject({ blocked: true, reason: "budget exhausted" });
  });

  it.each(["allow", "deny", "ask"] as const)("hookSpecificOutput.permissionDecision %s with its reason", async (decision) => {
    const hook = json("p.sh", { hookSpecificOutput: { hookEventName: "PreToolUse", permissionDecision: decision, permissionDecisionReason: `said ${decision}` } });
    const outcome = await runner(hooksFor("PreToolUse", hook)).run("PreToolUse", bashCall);
    expect(outcome.permissionDecision).toBe(decision);
    expect(outcome.permissionDecisionReason).toBe(`said ${decision}`);
    expect(outcome.blocked).toBe(false);
  });

  it("an unknown permissionDecision is a warning", async () => {
    const outcome = await runner(hooksFor("PreToolUse", json("p.sh", { hookSpecificOutput: { permissionDecision: "maybe" } }))).run("PreToolUse", bashCall);
    expect(outcome.permissionDecision).toBeUndefined();
    expect(outcome.warnings[0]).toContain('ignored permissionDecision "maybe"');
  });

  it("updatedInput replaces the tool input", async () => {
    const hook = json("u.sh", { hookSpecificOutput: { permissionDecision: "allow", updatedInput: { command: "ls -la" } } });
    const outcome = await runner(hooksFor("PreToolUse", hook)).run("PreToolUse", bashCall);
    expect(outcome.updatedInput).toEqual({ command: "ls -la" });
    const bad = await runner(hooksFor("PreToolUse", json("u2.sh", { hookSpecificOutput: { updatedInput: "ls" } }))).run("PreToolUse", bashCall);
    expect(bad.updatedInput).toBeUndefined();
    expect(bad.warnings[0]).toContain("ignored updatedInput");
  });

  it("additionalContext is collected from hookSpecificOutput", async () => {
    const hook = json("a.sh", { hookSpecificOutput: { hookEventName: "UserPromptSubmit", additionalContext: "The sprint ends Friday." } });
    const outcome = await runner(hooksFor("UserPromptSubmit", hook)).run("UserPromptSubmit", { prompt: "plan" });
    expect(outcome.additionalContext).toEqual(["The sprint ends Friday."]);
  });

  it("legacy decision approve allows a PreToolUse call", async () => {
    const outcome = await runner(hooksFor("PreToolUse", json("ap.sh", { decision: "approve", reason: "safe" }))).run("PreToolUse", bashCall);
    expect(outcome).toMatchObject({ permissionDecision: "allow", permissionDecisionReason: "safe", blocked: false });
  });

  it("stdout that only looks like JSON stays plain text", async () => {
    const hook = script("t.sh", "echo '{not json'");
    expect((await runner(hooksFor("SessionStart", hook)).run("SessionStart", {})).additionalContext).toEqual(["{not json"]);
  });
});

describe("matchers", () => {
  async function ranFor(matcher: string | undefined, toolName: string, event = "PreToolUse"): Promise<boolean> {
    const hook = script("hit.sh", "echo hit");
    const entry = matcher === undefined ? { command: hook } : { command: hook, matcher };
    const outcome = await runner(hooksFor(event, entry)).run(event as "PreToolUse", { tool_name: toolName });
    return outcome.output.includes("hit") || outcome.additionalContext.includes("hit");
  }

  it.each([
    ["Bash", "Bash", true],
    ["Bash", "BashOutput", false],
    ["Edit|Write", "Write", true],
    ["Edit|Write", "Read", false],
    ["Notebook.*", "NotebookEdit", true],
    ["mcp__github__.*", "mcp__github__create_issue", true],
    ["mcp__github__.*", "mcp__slack__post", false],
    ["*", "Anything", true],
    ["", "Anything", true],
    [undefined, "Anything", true],
  ])("matcher %j against %s → %s", async (matcher, toolName, expected) => {
    expect(await ranFor(matcher, toolName)).toBe(expected);
  });

  it("non-tool events ignore matchers", async () => {
    expect(await ranFor("Bash", "", "UserPromptSubmit")).toBe(true);
  });

  it("an invalid regular expression is a warning and does not run", async () => {
    const hook = script("hit.sh", "echo hit");
    const outcome = await runner(hooksFor("PreToolUse", { command: hook, matcher: "Bash(" })).run("PreToolUse", bashCall);
    expect(outcome.output).toEqual([]);
    expect(outcome.warnings[0]).toMatch(/^PreToolUse matcher "Bash\(" is not a valid regular expression/);
  });

  it("matching() lists what would run", () => {
    const hooks: HooksConfig = { PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "a" }] }, { matcher: "Write", hooks: [{ type: "command", command: "b" }] }] };
    expect(runner(hooks).matching("PreToolUse", "Write").map((hook) => hook.command.command)).toEqual(["b"]);
  });
});

describe("stdin payload and environment", () => {
  it("passes the event JSON on stdin and runs in the session cwd with the project dir set", async () => {
    const hook = script(
      "capture.sh",
      `cat > "${dir}/payload-$1.json"\nprintf '%s\\n%s\\n%s\\n%s' "$PWD" "$AXION_PROJECT_DIR" "$CLAUDE_PROJECT_DIR" "$HOOK_TEST_VALUE" > "${dir}/env-$1.txt"`,
    );
    const hooks: HooksConfig = {
      PostToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: `${hook} post` }] }],
      UserPromptSubmit: [{ hooks: [{ type: "command", command: `${hook} prompt` }] }],
    };
    const session = runner(hooks);
    await session.run("PostToolUse", { tool_name: "Bash", tool_input: { command: "ls" }, tool_response: "a\nb" });
    await session.run("UserPromptSubmit", { prompt: "fix the bug" });
    expect(JSON.parse(readFileSync(join(dir, "payload-post.json"), "utf8"))).toEqual({
      session_id: "session-123",
      transcript_path: join(dir, "session.jsonl"),
      cwd: dir,
      hook_event_name: "PostToolUse",
      tool_name: "Bash",
      tool_input: { command: "ls" },
      tool_response: "a\nb",
    });
    expect(JSON.parse(readFileSync(join(dir, "payload-prompt.json"), "utf8"))).toMatchObject({ hook_event_name: "UserPromptSubmit", prompt: "fix the bug" });
    expect(readFileSync(join(dir, "env-post.txt"), "utf8").split("\n")).toEqual([dir, dir, dir, "from-env"]);
  });
});

describe("timeouts, aborts, parallel runs and sources", () => {
  it("a hook past its timeout is stopped and reported without blocking", async () => {
    const hook = script("slow.sh", `sleep 5; touch "${dir}/finished"`);
    const started = Date.now();
    const outcome = await runner(hooksFor("PreToolUse", { command: hook, timeout: 0.3 })).run("PreToolUse", bashCall);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(outcome.blocked).toBe(false);
    expect(outcome.warnings).toEqual([`PreToolUse hook "${hook}" timed out after 0.3s`]);
  });

  it("an abort kills the running hooks", async () => {
    const hook = script("long.sh", `sleep 1; touch "${dir}/finished"`);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const outcome = await runner(hooksFor("Stop", hook, hook)).run("Stop", {}, controller.signal);
    expect(Date.now() - started).toBeLessThan(900);
    expect(outcome.warnings).toHaveLength(2);
    expect(outcome.warnings[0]).toContain("was stopped (aborted)");
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(existsSync(join(dir, "finished"))).toBe(false);
  });

  it("runs the hooks of one event in parallel", async () => {
    const hook = script("wait.sh", "sleep 0.6; echo done");
    const started = Date.now();
    const outcome = await runner(hooksFor("PreToolUse", hook, hook, hook)).run("PreToolUse", bashCall);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(outcome.output).toEqual(["done", "done", "done"]);
  });

  it("merges results: any block wins, deny beats ask beats allow, the last updatedInput wins", async () => {
    const allow = script("allow.sh", `echo '{"hookSpecificOutput":{"permissionDecision":"allow","permissionDecisionReason":"fine","updatedInput":{"command":"first"}}}'`);
    const ask = script("ask.sh", `echo '{"hookSpecificOutput":{"permissionDecision":"ask","permissionDecisionReason":"unsure","updatedInput":{"command":"second"}}}'`);
    const deny = script("deny.sh", `echo '{"hookSpecificOutput":{"permissionDecision":"deny","permissionDecisionReason":"no way"}}'`);
    const block = script("block.sh", "echo 'blocked by policy' >&2; exit 2");
    const ok = script("ok.sh", "exit 0");

    const decided = await runner(hooksFor("PreToolUse", allow, deny, ask)).run("PreToolUse", bashCall);
    expect(decided).toMatchObject({ permissionDecision: "deny", permissionDecisionReason: "no way", updatedInput: { command: "second" }, blocked: false });
    const asked = await runner(hooksFor("PreToolUse", allow, ask)).run("PreToolUse", bashCall);
    expect(asked).toMatchObject({ permissionDecision: "ask", permissionDecisionReason: "unsure" });
    const blocked = await runner(hooksFor("PreToolUse", ok, block, allow)).run("PreToolUse", bashCall);
    expect(blocked).toMatchObject({ blocked: true, reason: "blocked by policy", permissionDecision: "allow" });
  });

  it("runs hooks from extra sources and names the source in warnings", async () => {
    const fromPlugin = script("plugin.sh", "echo 'plugin says hi'");
    const failing = script("plugin-fail.sh", "exit 3");
    const outcome = await runner(hooksFor("Stop", script("own.sh", "echo own")), [
      { source: "plugin formatter@market", config: hooksFor("Stop", fromPlugin, failing) },
    ]).run("Stop", {});
    expect(outcome.output).toEqual(["own", "plugin says hi"]);
    expect(outcome.warnings).toEqual([`Stop hook "${failing}" (plugin formatter@market) exited with code 3`]);
  });

  it("reports hook types other than command as unsupported", async () => {
    const outcome = await runner({ Stop: [{ hooks: [{ type: "prompt", prompt: "check it" }] }] }).run("Stop", {});
    expect(outcome.warnings).toEqual(['Stop hook "prompt": hook type "prompt" is not supported; only "command" hooks run']);
  });

  it("fits the dispatcher's hook interface", async () => {
    const like: HookRunnerLike = runner(hooksFor("PreToolUse", script("x.sh", "exit 2")));
    expect((await like.run("PreToolUse", bashCall)).blocked).toBe(true);
  });

  it("does nothing for an event without hooks", async () => {
    expect(await runner({}).run("SessionStart", {})).toEqual({ blocked: false, additionalContext: [], systemMessages: [], warnings: [], output: [] });
  });
});
