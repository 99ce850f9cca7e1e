import { describe, expect, it } from "vitest";
import type { PermissionMode } from "../permission-mode.js";
import type { RequiredPermission } from "../tool-contract.js";
import type { PermissionPolicyOptions, PermissionRequest } from "./permission-policy.js";
import { PermissionPolicy, PermissionRuleError } from "./permission-policy.js";

const cwd = "/nonexistent-workspace/project";
const home = "/nonexistent-workspace";

function policy(mode: PermissionMode, extra: Partial<PermissionPolicyOptions> = {}): PermissionPolicy {
  return new PermissionPolicy({ mode, cwd, home, ...extra });
}

const TOOL_FOR: Record<RequiredPermission, PermissionRequest> = {
  "read-only": { toolName: "Read", requiredPermission: "read-only", input: { file_path: "a.txt" } },
  "workspace-write": { toolName: "Write", requiredPermission: "workspace-write", input: { file_path: "a.txt", content: "x" } },
  "danger-full-access": { toolName: "Bash", requiredPermission: "danger-full-access", input: { command: "ls" } },
};

const bash = (command: string): PermissionRequest => ({ toolName: "Bash", requiredPermission: "danger-full-access", input: { command } });
const write = (filePath: string): PermissionRequest => ({ toolName: "Write", requiredPermission: "workspace-write", input: { file_path: filePath, content: "" } });

describe("the mode matrix (no rules)", () => {
  const expected: Record<PermissionMode, Record<RequiredPermission, "allow" | "deny" | "ask">> = {
    "read-only": { "read-only": "allow", "workspace-write": "deny", "danger-full-access": "deny" },
    "workspace-write": { "read-only": "allow", "workspace-write": "allow", "danger-full-access": "ask" },
    "danger-full-access": { "read-only": "allow", "workspace-write": "allow", "danger-full-access": "allow" },
    prompt: { "read-only": "allow", "workspace-write": "ask", "danger-full-access": "ask" },
    allow: { "read-only": "allow", "workspace-write": "allow", "danger-full-access": "allow" },
  };
  const cases = Object.entries(expected).flatMap(([mode, row]) =>
    Object.entries(row).map(([required, behavior]) => [mode, required, behavior] as const),
  );

  it.each(cases)("%s × %s → %s", async (mode, required, behavior) => {
    const decision = await policy(mode as PermissionMode).decide(TOOL_FOR[required as RequiredPermission]);
    expect(decision.behavior).toBe(behavior);
    expect(decision.step).toBe("mode");
  });

  it("uses the exact wording for a mode that is too low", async () => {
    expect((await policy("read-only").decide(TOOL_FOR["workspace-write"])).reason).toBe(
      "Tool 'Write' requires workspace-write permission; current mode is read-only",
    );
    expect((await policy("workspace-write").decide(bash("printf x"))).reason).toBe(
      "Tool 'Bash' requires danger-full-access permission; current mode is workspace-write",
    );
  });

  it("follows a mode change", async () => {
    const session = policy("read-only");
    expect((await session.decide(TOOL_FOR["workspace-write"])).behavior).toBe("deny");
    session.mode = "workspace-write";
    expect((await session.decide(TOOL_FOR["workspace-write"])).behavior).toBe("allow");
  });
});

describe("the decision order", () => {
  it("1. deny rules beat allow rules and hold in allow and danger-full-access modes", async () => {
    for (const mode of ["allow", "danger-full-access", "workspace-write", "prompt"] as const) {
      const session = policy(mode, { allow: ["Bash"], deny: ["Bash(rm:*)"] });
      const decision = await session.decide(bash("rm -f notes.txt"));
      expect(decision).toMatchObject({ behavior: "deny", rule: "Bash(rm:*)", step: "deny-rule" });
      expect(decision.reason).toBe("Tool 'Bash' is denied by the rule 'Bash(rm:*)' in permissions.deny");
      expect((await session.decide(bash("ls"))).behavior).toBe("allow");
    }
  });

  it("1. --disallowedTools denies like a deny rule", async () => {
    const decision = await policy("allow", { disallowedTools: ["Write"] }).decide(write("a.txt"));
    expect(decision).toMatchObject({ behavior: "deny", step: "deny-rule" });
    expect(decision.reason).toContain("--disallowedTools");
  });

  it("2. --allowedTools restricts the tool set without raising the mode", async () => {
    const restricted = policy("danger-full-access", { allowedTools: ["Read", "Grep"] });
    expect(await restricted.decide(write("a.txt"))).toMatchObject({ behavior: "deny", reason: "Tool 'Write' is not in --allowedTools" });
    expect((await restricted.decide(TOOL_FOR["read-only"])).behavior).toBe("allow");
    // parity case 5: read-only + --allowedTools Write
    expect((await policy("read-only", { allowedTools: ["Write"] }).decide(write("generated/denied.txt"))).reason).toBe(
      "Tool 'Write' requires workspace-write permission; current mode is read-only",
    );
    const commands = policy("allow", { allowedTools: ["Bash(git:*)"] });
    expect((await commands.decide(bash("git status"))).behavior).toBe("allow");
    expect((await commands.decide(bash("git status && curl x"))).reason).toBe("Tool 'Bash' is not in --allowedTools");
  });

  it("3. ask rules force a prompt even when the mode allows", async () => {
    for (const mode of ["allow", "danger-full-access"] as const) {
      const decision = await policy(mode, { ask: ["Bash(git push:*)"], allow: ["Bash"] }).decide(bash("git push origin main"));
      expect(decision).toMatchObject({ behavior: "ask", rule: "Bash(git push:*)", step: "ask-rule" });
    }
  });

  it("4. the guard asks in every mode, names the guard, and only an explicit allow rule waives it", async () => {
    for (const mode of ["allow", "danger-full-access", "workspace-write", "prompt"] as const) {
      const decision = await policy(mode, { allow: ["Bash"] }).decide(bash("git push --force origin main"));
      expect(decision).toMatchObject({ behavior: "ask", step: "guard" });
      expect(decision.reason).toBe("Command 'git push --force origin main' needs explicit approval (guard: git push --force (rewrites the remote history))");
      expect(decision.guard?.guard).toBe("git push --force");
    }
    const waived = await policy("allow", { allow: ["Bash(git push --force origin main)"] }).decide(bash("git push --force origin main"));
    expect(waived).toMatchObject({ behavior: "allow", step: "allow-rule", rule: "Bash(git push --force origin main)" });
    const prefix = await policy("workspace-write", { allow: ["Bash(rm -rf:*)"] }).decide(bash("rm -rf ."));
    expect(prefix.behavior).toBe("allow");
    const homeDelete = await policy("allow").decide(bash("rm -rf ~"));
    expect(homeDelete.reason).toContain("rm -rf of the home directory");
  });

  it("5. allow rules allow in every mode except read-only, which stays a ceiling", async () => {
    expect(await policy("workspace-write", { allow: ["Bash(npm test)"] }).decide(bash("npm test"))).toMatchObject({
      behavior: "allow",
      step: "allow-rule",
      rule: "Bash(npm test)",
    });
    expect((await policy("prompt", { allow: ["Write(./generated/*)"] }).decide(write("generated/out.txt"))).behavior).toBe("allow");
    expect((await policy("prompt", { allow: ["Write(./generated/*)"] }).decide(write("src/out.txt"))).behavior).toBe("ask");
    expect(await policy("read-only", { allow: ["Write", "Bash"] }).decide(write("a.txt"))).toMatchObject({ behavior: "deny", step: "mode" });
    expect((await policy("read-only", { allow: ["Bash"] }).decide(bash("ls"))).behavior).toBe("deny");
  });

  it("5. an always-approval of this session allows like a rule, by tool or by subject", async () => {
    const session = policy("workspace-write");
    session.rememberAlways("Bash", "npm run build");
    expect(await session.decide(bash("npm run build"))).toMatchObject({ behavior: "allow", step: "session-approval" });
    expect((await session.decide(bash("npm run lint"))).behavior).toBe("ask");
    session.rememberAlways("Bash");
    expect((await session.decide(bash("npm run lint"))).behavior).toBe("allow");
    expect((await session.decide(bash("git reset --hard"))).behavior).toBe("ask");
  });
});

describe("subjects and paths", () => {
  it("takes the subject from the request, else from the input", async () => {
    const session = policy("prompt", { allow: ["Read(src/**)"], deny: ["WebFetch(domain:evil.test)"] });
    expect((await session.decide({ toolName: "Write", requiredPermission: "workspace-write", input: {}, paths: [`${cwd}/src/x`] })).behavior).toBe("ask");
    expect((await session.decide({ toolName: "WebFetch", requiredPermission: "read-only", input: { url: "https://evil.test/x" } })).behavior).toBe("deny");
    expect((await session.decide({ toolName: "WebFetch", requiredPermission: "read-only", input: {}, subject: "https://evil.test/" })).behavior).toBe("deny");
    const edits = policy("prompt", { allow: ["Edit(src/**)"] });
    expect((await edits.decide({ toolName: "Edit", requiredPermission: "workspace-write", input: { file_path: "src/a.ts" } })).behavior).toBe("allow");
    expect((await edits.decide({ toolName: "NotebookEdit", requiredPermission: "workspace-write", input: { notebook_path: `${cwd}/src/n.ipynb` } })).behavior).toBe("allow");
    // outside the workspace: refused with the dispatcher's message, whatever the rules say
    expect(await edits.decide({ toolName: "Edit", requiredPermission: "workspace-write", input: { file_path: "../other/src/a.ts" } })).toMatchObject({
      behavior: "deny",
      step: "workspace",
      reason: "Writing ../other/src/a.ts is outside the workspace /nonexistent-workspace/project; it requires danger-full-access permission",
    });
  });

  it("treats MCP tools by server and tool name", async () => {
    const session = policy("prompt", { allow: ["mcp__github"], deny: ["mcp__github__delete_repo"] });
    const call = async (toolName: string) => (await session.decide({ toolName, requiredPermission: "workspace-write", input: {} })).behavior;
    expect(await call("mcp__github__create_issue")).toBe("allow");
    expect(await call("mcp__github__delete_repo")).toBe("deny");
    expect(await call("mcp__slack__post")).toBe("ask");
  });
});

describe("isToolAvailable", () => {
  it("hides tools --allowedTools leaves out and tools a bare deny rule names", async () => {
    const session = policy("allow", { allowedTools: ["Read", "Bash(git:*)", "mcp__github"], deny: ["Bash(rm:*)"], disallowedTools: ["WebFetch"] });
    expect(session.isToolAvailable("Read")).toBe(true);
    expect(session.isToolAvailable("Bash")).toBe(true);
    expect(session.isToolAvailable("mcp__github__x")).toBe(true);
    expect(session.isToolAvailable("Write")).toBe(false);
    expect(policy("allow", { disallowedTools: ["WebFetch"] }).isToolAvailable("WebFetch")).toBe(false);
    expect(policy("allow", { deny: ["Bash(rm:*)"] }).isToolAvailable("Bash")).toBe(true);
  });
});

describe("invalid rules", () => {
  it("throw a PermissionRuleError naming where the rule came from", async () => {
    let caught: unknown;
    try {
      policy("allow", { allowedTools: ["Bash(git"] });
    } catch (error) {
      caught = error;
    }
    expect(PermissionRuleError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toBe('--allowedTools: invalid permission rule "Bash(git": missing the closing ")"');
  });
});

describe("explain", () => {
  it("walks through every step up to the one that decided", async () => {
    const session = policy("workspace-write", { allow: ["Bash(git status:*)"], deny: ["Bash(rm:*)"] });
    expect(await session.explain(bash("git status --short"))).toBe(
      [
        "Bash requires danger-full-access; mode is workspace-write",
        "subject: git status --short",
        "1. deny rules: no match",
        "2. --allowedTools: not given",
        "3. ask rules: none",
        "4. guard: no guarded operation",
        "5. workspace: every path stays inside the workspace and none is protected",
        "6. allow rules: the allow rule 'Bash(git status:*)' matches",
        "decision: allow — Tool 'Bash' is allowed by the allow rule 'Bash(git status:*)'",
      ].join("\n"),
    );
  });

  it("shows the ceiling, the mode step and a guard", async () => {
    const readOnly = await policy("read-only", { allow: ["Write"] }).explain(write("a.txt"));
    expect(readOnly).toContain("6. allow rules: the allow rule 'Write' matches, but read-only is a hard ceiling");
    expect(readOnly).toContain("7. mode: read-only denies workspace-write tools");
    expect(readOnly.endsWith("decision: deny — Tool 'Write' requires workspace-write permission; current mode is read-only")).toBe(true);
    const guarded = await policy("allow").explain(bash("git clean -fdx"));
    expect(guarded).toContain("4. guard: 'git clean -f' (git clean -f (deletes untracked files)); no allow rule names the command");
    expect(guarded).toContain("decision: ask");
    expect(await policy("allow", { allowedTools: ["Read"] }).explain(write("a"))).toContain("2. --allowedTools: no entry matches");
  });
});
