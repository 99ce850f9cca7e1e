import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BackgroundTasks } from "../host/background-tasks.js";
import { createToolContext } from "../host/tool-context.js";
import { runCommand } from "../host/run-command.js";
import { detectSandbox } from "./detect-sandbox.js";
import { sandboxFor } from "./sandbox-for.js";
import type { SandboxSettings } from "./sandbox-settings.js";
import type { SandboxSpec } from "./sandbox-spec.js";

const detection = detectSandbox();
const noBwrap = !detection.available;
const skipReason = detection.available ? "" : ` (skipped: ${detection.reason})`;

let root: string;
let workspace: string;
let home: string;
let configHome: string;
let elsewhere: string;

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "axion-sandbox-")));
  workspace = join(root, "workspace");
  // home and config home live inside the workspace, so only the masks (not the fresh /tmp) keep them out of sight
  home = join(workspace, "home");
  configHome = join(workspace, "config-home");
  mkdirSync(join(home, ".ssh"), { recursive: true });
  mkdirSync(configHome, { recursive: true });
  writeFileSync(join(home, ".ssh", "id_ed25519"), "PRIVATE KEY\n");
  writeFileSync(join(home, ".netrc"), "machine example.com password hunter2\n");
  writeFileSync(join(configHome, "credentials.json"), '{"anthropic":"sk-secret"}\n');
  mkdirSync(join(workspace, ".git", "hooks"), { recursive: true });
  writeFileSync(join(workspace, ".git", "config"), "[core]\n\tbare = false\n");
  mkdirSync(join(workspace, ".claude"));
  writeFileSync(join(workspace, ".claude", "settings.json"), "{}\n");
  writeFileSync(join(workspace, "notes.txt"), "hello notes\n");
  elsewhere = realpathSync(mkdtempSync(join(tmpdir(), "axion-sandbox-elsewhere-")));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

function specFor(mode: "read-only" | "workspace-write", settings: SandboxSettings = {}): SandboxSpec {
  const decision = sandboxFor({ mode, settings, workspace, env: process.env, home, configHome });
  if (decision.spec === undefined) throw new Error(`no sandbox: ${JSON.stringify(decision.status)}`);
  return decision.spec;
}

function run(command: string, spec: SandboxSpec, timeoutMs?: number) {
  return runCommand(command, { cwd: workspace, sandbox: spec, env: { PATH: "/usr/bin:/bin", HOME: home }, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
}

/** Host pids whose command line holds `marker`. */
function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(marker)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.end());
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as { port: number }).port }));
  });
}

describe.skipIf(noBwrap)(`commands in the bubblewrap sandbox${skipReason}`, () => {
  it("workspace-write: writes the workspace and /tmp, not the rest of the filesystem", async () => {
    const outside = join(elsewhere, "escaped.txt");
    const etc = `/etc/axion-sandbox-${process.pid}-${Date.now()}`;
    const result = await run(
      `echo in > made.txt && echo tmp > /tmp/scratch && cat /tmp/scratch; echo out > ${outside}; echo etc > ${etc}; echo done`,
      specFor("workspace-write"),
    );
    expect(result.stdout).toBe("tmp\ndone\n");
    expect(readFileSync(join(workspace, "made.txt"), "utf8")).toBe("in\n");
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(etc)).toBe(false);
    expect(result.stderr).toContain("Read-only file system");
    // the fresh /tmp went away with the sandbox
    expect(existsSync("/tmp/scratch") && readFileSync("/tmp/scratch", "utf8") === "tmp\n").toBe(false);
  });

  it("workspace-write: extra writable paths from the settings are writable", async () => {
    const result = await run(`echo extra > ${join(elsewhere, "allowed.txt")}`, specFor("workspace-write", { writable: [elsewhere] }));
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(elsewhere, "allowed.txt"), "utf8")).toBe("extra\n");
  });

  it("keeps .git/config and .claude/settings.json read-only inside the workspace", async () => {
    const result = await run(
      "echo '[core] fsmonitor = evil' >> .git/config; echo '{\"hooks\":1}' > .claude/settings.json; touch .git/hooks/pre-commit; rm -rf .claude; echo done",
      specFor("workspace-write"),
    );
    expect(result.stdout).toBe("done\n");
    expect(readFileSync(join(workspace, ".git", "config"), "utf8")).toBe("[core]\n\tbare = false\n");
    expect(readFileSync(join(workspace, ".claude", "settings.json"), "utf8")).toBe("{}\n");
    expect(existsSync(join(workspace, ".git", "hooks", "pre-commit"))).toBe(false);
  });

  it("removes a protected path the command created and says so", async () => {
    const result = await run('echo \'{"mcpServers":{"x":{"command":"evil"}}}\' > .mcp.json; mkdir -p .vscode && echo {} > .vscode/tasks.json', specFor("workspace-write"));
    expect(result.exitCode).toBe(0);
    expect(existsSync(join(workspace, ".mcp.json"))).toBe(false);
    expect(existsSync(join(workspace, ".vscode"))).toBe(false);
    expect(result.stderr).toContain("sandbox: removed .mcp.json, created by the command: it is a protected path; use the Write tool, which asks first");
    expect(result.stderr).toContain("sandbox: removed .vscode, created by the command");
  });

  it("undoes a .git moved aside and replaced: the old config comes back, a planted hook goes", async () => {
    const result = await run(
      "mv .git .git-old && mkdir -p .git/hooks && printf '[core]\\n\\tfsmonitor = evil\\n' > .git/config && echo evil > .git/hooks/post-checkout && touch .git/hooks/pre-commit.sample",
      specFor("workspace-write"),
    );
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(workspace, ".git", "config"), "utf8")).toBe("[core]\n\tbare = false\n");
    expect(existsSync(join(workspace, ".git", "hooks", "post-checkout"))).toBe(false);
    expect(existsSync(join(workspace, ".git", "hooks", "pre-commit.sample"))).toBe(true);
    expect(result.stderr).toContain("sandbox: removed .git/hooks/post-checkout, added by the command");
    expect(result.stderr).toContain("sandbox: restored .git/config, replaced by the command");
  });

  it("hides the config home and credential files", async () => {
    const result = await run(
      `ls -A ${configHome} | wc -l; cat ${join(configHome, "credentials.json")}; ls -A ${join(home, ".ssh")} | wc -l; cat ${join(home, ".netrc")}; cat notes.txt`,
      specFor("workspace-write"),
    );
    expect(result.stdout).toBe("0\n0\nhello notes\n");
    expect(result.stdout + result.stderr).not.toContain("sk-secret");
    expect(result.stdout + result.stderr).not.toContain("hunter2");
    // and they are untouched on the host
    expect(readFileSync(join(configHome, "credentials.json"), "utf8")).toContain("sk-secret");
  });

  it("has no network unless sandbox.network is true", async () => {
    const { server, port } = await listen();
    try {
      const probe = `exec 3<>/dev/tcp/127.0.0.1/${port} && echo connected`;
      const offline = await run(probe, specFor("workspace-write"));
      expect(offline.stdout).toBe("");
      expect(offline.exitCode).not.toBe(0);
      const online = await run(probe, specFor("workspace-write", { network: true }));
      expect(online.stdout).toBe("connected\n");
      // unconfined, for comparison
      expect((await runCommand(probe, { cwd: workspace })).stdout).toBe("connected\n");
    } finally {
      server.close();
    }
  });

  it("read-only: reads and lists, writes nothing but /tmp", async () => {
    const spec = specFor("read-only");
    const reading = await run("cat notes.txt; ls", spec);
    expect(reading.stdout).toContain("hello notes\n");
    expect(reading.stdout).toContain("notes.txt");
    const writing = await run("touch made.txt; echo x >> notes.txt; echo t > /tmp/t && cat /tmp/t", spec);
    expect(writing.stdout).toBe("t\n");
    expect(existsSync(join(workspace, "made.txt"))).toBe(false);
    expect(readFileSync(join(workspace, "notes.txt"), "utf8")).toBe("hello notes\n");
    expect(writing.stderr).toContain("Read-only file system");
  });

  it("read-only ignores sandbox.writable", async () => {
    const result = await run(`echo x > ${join(elsewhere, "f")}`, specFor("read-only", { writable: [elsewhere] }));
    expect(result.exitCode).not.toBe(0);
    expect(existsSync(join(elsewhere, "f"))).toBe(false);
  });

  it("a timeout kills everything inside, even a process in its own session that ignores SIGTERM", async () => {
    const marker = `98${process.pid}.${Date.now() % 100_000}`;
    const result = await run(`trap '' TERM; setsid sleep ${marker} & sleep ${marker}1; wait`, specFor("workspace-write"), 500);
    expect(result.timedOut).toBe(true);
    expect(await waitUntil(() => processesWith(marker).length === 0, 5_000)).toBe(true);
  });

  it("an abort kills the command inside", async () => {
    const marker = `97${process.pid}.${Date.now() % 100_000}`;
    const controller = new AbortController();
    const pending = runCommand(`sleep ${marker}`, { cwd: workspace, sandbox: specFor("workspace-write"), signal: controller.signal });
    expect(await waitUntil(() => processesWith(marker).length > 0, 5_000)).toBe(true);
    controller.abort();
    expect((await pending).aborted).toBe(true);
    expect(await waitUntil(() => processesWith(marker).length === 0, 5_000)).toBe(true);
  });

  it("the tool context asks for the sandbox at every exec, so a mode change applies to the next command", async () => {
    let spec: SandboxSpec | undefined = specFor("read-only");
    const context = createToolContext({ cwd: workspace, permissionMode: "read-only", env: { PATH: "/usr/bin:/bin" }, sandbox: () => spec });
    const first = await context.exec("echo one > one.txt");
    expect(first.exitCode).not.toBe(0);
    expect(existsSync(join(workspace, "one.txt"))).toBe(false);
    spec = specFor("workspace-write");
    expect((await context.exec("echo two > two.txt")).exitCode).toBe(0);
    expect(readFileSync(join(workspace, "two.txt"), "utf8")).toBe("two\n");
    spec = undefined;
    expect((await context.exec(`cat ${join(configHome, "credentials.json")}`)).stdout).toContain("sk-secret");
  });

  it("runs background commands in the sandbox and stops them", async () => {
    const spec = specFor("workspace-write");
    const tasks = new BackgroundTasks({ logDirectory: elsewhere, sandbox: () => spec });
    const outside = join(elsewhere, "bg-escaped.txt");
    const marker = `96${process.pid}.${Date.now() % 100_000}`;
    const writer = await tasks.start(`echo bg > bg.txt; echo out > ${outside}; echo '{}' > .mcp.json`, { cwd: workspace, env: { PATH: "/usr/bin:/bin" } });
    expect(await waitUntil(() => !writer.running, 5_000)).toBe(true);
    expect(readFileSync(join(workspace, "bg.txt"), "utf8")).toBe("bg\n");
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(join(workspace, ".mcp.json"))).toBe(false);
    expect(await tasks.read(writer.id)).toContain("sandbox: removed .mcp.json");
    const sleeper = await tasks.start(`sleep ${marker}`, { cwd: workspace, env: { PATH: "/usr/bin:/bin" } });
    expect(await waitUntil(() => processesWith(marker).length > 0, 5_000)).toBe(true);
    expect(tasks.kill(sleeper.id)).toBe(true);
    expect(await waitUntil(() => processesWith(marker).length === 0, 5_000)).toBe(true);
  });
});
