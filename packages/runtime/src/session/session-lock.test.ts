import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SessionError } from "./session-error.js";
import { SessionLock } from "./session-lock.js";
import { SessionStore } from "./session-store.js";

let workspace: string;
let store: SessionStore;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), "axion-lock-"));
  store = new SessionStore({ cwd: workspace });
});

afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
});

function sessionError(action: () => unknown): SessionError {
  try {
    action();
  } catch (error) {
    if (SessionError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a SessionError");
}

/** A session with one message, closed (unlocked). */
function closedSession(): string {
  const writer = store.create({ model: "claude-sonnet-4-6" });
  writer.appendMessage({ role: "user", content: [{ type: "text", text: "hi" }] });
  writer.close();
  return writer.id;
}

function startTicksOf(pid: number): string {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  return text.slice(text.lastIndexOf(")") + 2).split(" ")[19]!;
}

/** A process that has exited and been reaped: its pid is free. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

function writeLock(sessionPath: string, holder: Record<string, unknown>): void {
  writeFileSync(SessionLock.pathFor(sessionPath), `${JSON.stringify(holder)}\n`);
}

describe("one writer per session", () => {
  it("holds a lock file beside the session while a writer is open, and removes it on close", () => {
    const writer = store.create({ model: "m" });
    const lockPath = `${writer.path}.lock`;
    const holder = JSON.parse(readFileSync(lockPath, "utf8")) as Record<string, unknown>;
    expect(holder).toMatchObject({ pid: process.pid, hostname: hostname(), start_ticks: startTicksOf(process.pid) });
    expect(new Date(String(holder["started_at"])).getTime()).toBeLessThanOrEqual(Date.now());
    writer.close();
    expect(existsSync(lockPath)).toBe(false);
    writer.close(); // twice is fine
  });

  it("refuses a second writer with one line naming the holder, and lets it in once the first closes", () => {
    const id = closedSession();
    const first = store.resume(id);
    const refused = sessionError(() => store.resume(id));
    expect(refused.code).toBe("session_locked");
    expect(refused.message).toMatch(new RegExp(`^session ${id} is in use by axion \\(pid ${process.pid}, started \\d\\d:\\d\\d:\\d\\d\\)$`));
    // nothing was written by the refused resume
    const before = readFileSync(first.writer.path, "utf8");
    first.writer.appendMessage({ role: "assistant", content: [{ type: "text", text: "hello" }] });
    first.writer.close();
    expect(readFileSync(first.writer.path, "utf8").startsWith(before)).toBe(true);
    const second = store.resume(id);
    expect(second.notes).toEqual([]);
    second.writer.close();
  });

  it("takes over the stale lock of a process that died, with a note", () => {
    const id = closedSession();
    const path = store.pathFor(id);
    const pid = deadPid();
    writeLock(path, { pid, start_ticks: "12345", started_at: new Date(2026, 0, 2, 12, 1, 5).toISOString(), hostname: hostname(), token: "t" });
    const resumed = store.resume(id);
    expect(resumed.notes).toEqual([`session ${id}: took over a lock left by pid ${pid} (started 2026-01-02 12:01:05), which is no longer running`]);
    expect(JSON.parse(readFileSync(`${path}.lock`, "utf8"))).toMatchObject({ pid: process.pid });
    resumed.writer.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("treats a reused pid as stale: same pid, another start time", () => {
    const id = closedSession();
    const path = store.pathFor(id);
    writeLock(path, { pid: process.pid, start_ticks: "1", started_at: new Date().toISOString(), hostname: hostname(), token: "old" });
    const resumed = store.resume(id);
    expect(resumed.notes[0]).toMatch(/took over a lock left by pid \d+/);
    resumed.writer.close();
  });

  it("keeps a lock held by a running process, and one from another host it cannot check", () => {
    const id = closedSession();
    const path = store.pathFor(id);
    writeLock(path, { pid: process.pid, start_ticks: startTicksOf(process.pid), started_at: new Date().toISOString(), hostname: hostname(), token: "other" });
    expect(sessionError(() => store.resume(id)).code).toBe("session_locked");
    writeLock(path, { pid: 999_999, start_ticks: null, started_at: new Date().toISOString(), hostname: "elsewhere.example", token: "x" });
    expect(sessionError(() => store.resume(id)).message).toMatch(/^session \w+ is in use by axion \(pid 999999, started \d\d:\d\d:\d\d on elsewhere\.example\)$/);
  });

  it("treats a lock file that cannot be read as held while young, stale when old", () => {
    const id = closedSession();
    const path = store.pathFor(id);
    writeFileSync(`${path}.lock`, "");
    expect(sessionError(() => store.resume(id)).message).toBe(`session ${id} is in use by another axion (its lock file is being written)`);
    const old = new Date(Date.now() - 60_000);
    spawnSync("touch", ["-d", old.toISOString(), `${path}.lock`]);
    const resumed = store.resume(id);
    expect(resumed.notes).toEqual([`session ${id}: took over an unreadable lock file`]);
    resumed.writer.close();
  });

  it("waits for the session with resumeWaiting until the holder closes it", async () => {
    const id = closedSession();
    const holder = store.resume(id);
    const waits: string[] = [];
    setTimeout(() => holder.writer.close(), 300);
    const started = Date.now();
    const resumed = await store.resumeWaiting(id, { pollMs: 50, onWait: (message) => waits.push(message) });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatch(/is in use by axion/);
    resumed.writer.close();
  });

  it("stops waiting when aborted, with the lock error", async () => {
    const id = closedSession();
    const holder = store.resume(id);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(store.resumeWaiting(id, { pollMs: 1_000, signal: controller.signal })).rejects.toMatchObject({ code: "session_locked" });
    holder.writer.close();
  });

  it("moves the lock with a rename and refuses to delete or rename a session in use elsewhere", () => {
    const writer = store.create({ model: "m" });
    writer.appendMessage({ role: "user", content: [{ type: "text", text: "hi" }] });
    store.rename(writer.id, "renamed", writer);
    expect(existsSync(`${store.pathFor("renamed")}.lock`)).toBe(true);
    expect(existsSync(`${writer.path}.lock`)).toBe(true);
    expect(writer.path).toBe(store.pathFor("renamed"));
    const other = new SessionStore({ cwd: workspace });
    expect(sessionError(() => other.delete("renamed")).code).toBe("session_locked");
    expect(sessionError(() => other.rename("renamed", "again")).code).toBe("session_locked");
    writer.close();
    expect(existsSync(`${store.pathFor("renamed")}.lock`)).toBe(false);
    other.rename("renamed", "again");
    expect(other.delete("again")).toBe(store.pathFor("again"));
    expect(existsSync(`${store.pathFor("again")}.lock`)).toBe(false);
  });

  it("is released when the process exits without closing, and found stale after a SIGKILL", async () => {
    const id = closedSession();
    const path = store.pathFor(id);
    // a child that takes the lock through the same code (transpiled to a temp folder) and exits without releasing it
    const moduleDir = join(workspace, "lock-module");
    mkdirSync(moduleDir);
    for (const name of ["session-lock", "session-error"]) {
      const source = readFileSync(new URL(`./${name}.ts`, import.meta.url), "utf8");
      const output = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } });
      writeFileSync(join(moduleDir, `${name}.mjs`), output.outputText.replaceAll('.js";', '.mjs";'));
    }
    const script = `import { SessionLock } from ${JSON.stringify(join(moduleDir, "session-lock.mjs"))}; SessionLock.acquire(${JSON.stringify(path)}); process.stdout.write("locked\\n"); if (process.argv[1] === "hang") setInterval(() => {}, 1000);`;
    const run = (mode: string) => spawn(process.execPath, ["--input-type=module", "-e", script, mode], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = run("exit");
    const exitCode = await new Promise((resolve) => exited.on("close", resolve));
    expect(exitCode).toBe(0);
    expect(existsSync(`${path}.lock`)).toBe(false);

    const hung = run("hang");
    await new Promise<void>((resolve) => hung.stdout.once("data", () => resolve()));
    expect(sessionError(() => store.resume(id)).message).toContain(`pid ${hung.pid}`);
    hung.kill("SIGKILL");
    await new Promise((resolve) => hung.on("close", resolve));
    const resumed = store.resume(id);
    expect(resumed.notes[0]).toContain(`took over a lock left by pid ${hung.pid}`);
    resumed.writer.close();
  }, 15_000);
});
