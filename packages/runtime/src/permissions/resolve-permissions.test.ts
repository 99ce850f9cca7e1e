import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { PermissionGate } from "../loop/tool-dispatcher.js";
import type { PermissionRequest } from "./permission-policy.js";
import { PermissionPolicy } from "./permission-policy.js";
import type { PermissionPrompter, PromptAnswer } from "./permission-prompter.js";
import { createStreamPrompter } from "./permission-prompter.js";
import { createPermissionGate, resolvePermissions } from "./resolve-permissions.js";

const cwd = "/nonexistent-workspace/project";
const bash = (command: string): PermissionRequest => ({ toolName: "Bash", requiredPermission: "danger-full-access", input: { command } });

function scripted(...answers: PromptAnswer[]): PermissionPrompter & { asked: { request: PermissionRequest; reason: string }[] } {
  const asked: { request: PermissionRequest; reason: string }[] = [];
  return {
    asked,
    ask(request, reason) {
      asked.push({ request, reason });
      const answer = answers.shift();
      if (answer === undefined) throw new Error("asked more often than expected");
      return Promise.resolve(answer);
    },
  };
}

describe("resolvePermissions", () => {
  it("parity case 8: workspace-write + Bash + piped y runs after the prompt", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let stderr = "";
    output.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    input.end("y\n");
    const policy = new PermissionPolicy({ mode: "workspace-write", cwd });
    const result = await resolvePermissions(bash("printf 'approved via prompt'"), policy, createStreamPrompter({ input, output }), false);
    expect(result.allowed).toBe(true);
    expect(stderr).toContain("Permission approval required");
    expect(stderr).toContain("Approve this tool call? [y/N]:");
  });

  it("parity case 9: a typed n denies with the user-prompt reason", async () => {
    const policy = new PermissionPolicy({ mode: "workspace-write", cwd });
    const result = await resolvePermissions(bash("printf 'should not run'"), policy, scripted("deny"), false);
    expect(result).toEqual({ allowed: false, reason: "Permission denied: denied by user approval prompt" });
  });

  it("end of input denies with its own reason", async () => {
    const policy = new PermissionPolicy({ mode: "prompt", cwd });
    expect(await resolvePermissions(bash("ls"), policy, scripted("no-answer"), false)).toEqual({
      allowed: false,
      reason: "Permission denied: no answer to the approval prompt",
    });
  });

  it("without a prompter an ask is denied and says so", async () => {
    const policy = new PermissionPolicy({ mode: "prompt", cwd });
    const write: PermissionRequest = { toolName: "Write", requiredPermission: "workspace-write", input: { file_path: "a" } };
    expect(await resolvePermissions(write, policy, undefined, false)).toEqual({
      allowed: false,
      reason: "Tool 'Write' requires workspace-write permission; current mode is prompt (no approval prompt available)",
    });
    const guarded = await resolvePermissions(bash("git reset --hard"), new PermissionPolicy({ mode: "allow", cwd }), undefined, false);
    expect(guarded.allowed).toBe(false);
    expect(guarded.reason).toBe("Command 'git reset --hard' needs explicit approval (guard: git reset --hard (discards uncommitted changes)) (no approval prompt available)");
  });

  it("passes the current mode and the reason to the prompter", async () => {
    const prompter = scripted("once");
    const policy = new PermissionPolicy({ mode: "workspace-write", cwd });
    await resolvePermissions(bash("ls"), policy, prompter, true);
    expect(prompter.asked[0]?.request.currentMode).toBe("workspace-write");
    expect(prompter.asked[0]?.reason).toBe("Tool 'Bash' requires danger-full-access permission; current mode is workspace-write");
  });

  it("remembers always for the session: a Bash command by its text, other tools as a whole", async () => {
    const prompter = scripted("always", "once", "always");
    const policy = new PermissionPolicy({ mode: "prompt", cwd });
    expect((await resolvePermissions(bash("npm test"), policy, prompter, true)).allowed).toBe(true);
    expect((await resolvePermissions(bash("npm test"), policy, prompter, true)).allowed).toBe(true);
    expect((await resolvePermissions(bash("npm run lint"), policy, prompter, true)).allowed).toBe(true);
    expect(prompter.asked).toHaveLength(2);
    const write = (path: string): PermissionRequest => ({ toolName: "Write", requiredPermission: "workspace-write", input: { file_path: path } });
    expect((await resolvePermissions(write("a"), policy, prompter, true)).allowed).toBe(true);
    expect((await resolvePermissions(write("b"), policy, prompter, true)).allowed).toBe(true);
    expect(prompter.asked).toHaveLength(3);
  });

  it("never asks about what the policy denies, and read-only stays a ceiling on a terminal", async () => {
    const prompter = scripted();
    const readOnly = new PermissionPolicy({ mode: "read-only", cwd });
    const write: PermissionRequest = { toolName: "Write", requiredPermission: "workspace-write", input: { file_path: "a" } };
    expect(await resolvePermissions(write, readOnly, prompter, true)).toEqual({
      allowed: false,
      reason: "Tool 'Write' requires workspace-write permission; current mode is read-only",
    });
    const denied = new PermissionPolicy({ mode: "allow", cwd, deny: ["Bash"] });
    expect((await resolvePermissions(bash("ls"), denied, prompter, true)).allowed).toBe(false);
    expect(prompter.asked).toHaveLength(0);
  });
});

describe("createPermissionGate", () => {
  it("asks when a hook forces it, but a deny rule still denies without asking", async () => {
    const prompter = scripted("deny");
    const gate: PermissionGate = createPermissionGate({ policy: new PermissionPolicy({ mode: "allow", cwd, deny: ["Bash(rm:*)"] }), prompter, interactive: true });
    const signal = new AbortController().signal;
    expect(await gate.check(bash("ls"), { forceAsk: false, signal })).toMatchObject({ allowed: true });
    expect(await gate.check(bash("ls"), { forceAsk: true, signal })).toEqual({ allowed: false, reason: "Permission denied: denied by user approval prompt" });
    expect(prompter.asked[0]?.reason).toBe("A PreToolUse hook asks for approval of 'Bash'");
    expect((await gate.check(bash("rm x"), { forceAsk: true, signal })).reason).toContain("denied by the rule 'Bash(rm:*)'");
    expect(prompter.asked).toHaveLength(1);
  });

  it("denies a forced ask when there is no prompter", async () => {
    const gate = createPermissionGate({ policy: new PermissionPolicy({ mode: "allow", cwd }), interactive: false });
    expect((await gate.check(bash("ls"), { forceAsk: true, signal: new AbortController().signal })).reason).toBe(
      "A PreToolUse hook asks for approval of 'Bash' (no approval prompt available)",
    );
  });
});

describe("a PreToolUse hook's allow", () => {
  const bash = (command: string): PermissionRequest => ({ toolName: "Bash", requiredPermission: "danger-full-access", input: { command }, subject: command });

  it("turns an ask into an allow without prompting", async () => {
    const policy = new PermissionPolicy({ mode: "workspace-write", cwd: "/w" });
    let asked = false;
    const prompter: PermissionPrompter = { ask: async () => ((asked = true), "deny") };
    await expect(resolvePermissions(bash("ls"), policy, prompter, false, { preApproved: true })).resolves.toEqual({ allowed: true, reason: "Allowed by a PreToolUse hook" });
    expect(asked).toBe(false);
  });

  it("never overrides a deny rule or read-only", async () => {
    const denied = new PermissionPolicy({ mode: "danger-full-access", cwd: "/w", deny: ["Bash(rm:*)"] });
    await expect(resolvePermissions(bash("rm x"), denied, undefined, false, { preApproved: true })).resolves.toMatchObject({ allowed: false });
    const readOnly = new PermissionPolicy({ mode: "read-only", cwd: "/w" });
    await expect(resolvePermissions(bash("ls"), readOnly, undefined, false, { preApproved: true })).resolves.toMatchObject({ allowed: false });
  });
});
