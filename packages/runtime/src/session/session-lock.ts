import { randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename } from "node:path";
import { SessionError } from "./session-error.js";

/** What a lock file holds: who writes the session. */
export interface SessionLockHolder {
  pid: number;
  /** The process start time in clock ticks since boot (`/proc/<pid>/stat` field 22); null where there is no /proc. */
  start_ticks: string | null;
  /** When the holding process started (ISO time). */
  started_at: string;
  hostname: string;
  /** Random, told apart from a later holder with the same pid. */
  token: string;
}

/** A lock file older than this that cannot be read (its writer died between create and write) is stale. */
const UNREADABLE_STALE_MS = 5_000;
/** A takeover guard older than this was left by a process that died during a takeover. */
const GUARD_STALE_MS = 10_000;

const held = new Set<SessionLock>();
let exitHookInstalled = false;

/**
 * One writer per session: an advisory lock file beside the session, `<id>.jsonl.lock`, created with `O_EXCL` and
 * holding the pid, process start time and host of its holder. A lock whose holder is gone (the pid is not running,
 * is a zombie, or now belongs to a process that started at another time) is stale and is taken over, with a note.
 * Released by `release()` and, for every lock still held, when the process exits; after a SIGKILL the next run
 * finds it stale.
 */
export class SessionLock {
  #lockPath: string;
  #sessionPath: string;
  readonly #holder: SessionLockHolder;
  #released = false;
  /** Set when a stale lock was taken over: one line saying whose. */
  readonly note: string | undefined;

  private constructor(sessionPath: string, holder: SessionLockHolder, note: string | undefined) {
    this.#sessionPath = sessionPath;
    this.#lockPath = lockPathFor(sessionPath);
    this.#holder = holder;
    this.note = note;
  }

  /** The lock file of a session file. */
  static pathFor(sessionPath: string): string {
    return lockPathFor(sessionPath);
  }

  /**
   * Takes the lock of `sessionPath` or throws `SessionError` `session_locked` naming the holder:
   * `session ab12 is in use by axion (pid 1234, started 12:01:05)`.
   */
  static acquire(sessionPath: string): SessionLock {
    const lockPath = lockPathFor(sessionPath);
    const holder = currentHolder();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      if (tryCreate(lockPath, holder)) return SessionLock.#track(new SessionLock(sessionPath, holder, undefined));
      const existing = readHolder(lockPath);
      if (existing === "missing") continue; // released meanwhile
      if (existing === "unreadable") {
        if (ageMs(lockPath) < UNREADABLE_STALE_MS) throw lockedError(sessionPath, undefined);
      } else if (holderIsAlive(existing)) {
        throw lockedError(sessionPath, existing);
      }
      const note = takeOver(sessionPath, lockPath, existing, holder);
      if (note !== undefined) return SessionLock.#track(new SessionLock(sessionPath, holder, note));
    }
    throw lockedError(sessionPath, undefined);
  }

  /** Who holds the lock of `sessionPath` now, if a live process does. */
  static holderOf(sessionPath: string): SessionLockHolder | undefined {
    const existing = readHolder(lockPathFor(sessionPath));
    return typeof existing === "object" && holderIsAlive(existing) ? existing : undefined;
  }

  get sessionPath(): string {
    return this.#sessionPath;
  }

  get released(): boolean {
    return this.#released;
  }

  /**
   * Moves the lock to another session path before the session file is renamed there: the new lock is created
   * first (so no one can take the new name), then the old one removed.
   */
  moveTo(sessionPath: string): void {
    const lockPath = lockPathFor(sessionPath);
    if (!tryCreate(lockPath, this.#holder)) throw lockedError(sessionPath, readHolderOrUndefined(lockPath));
    const old = this.#lockPath;
    this.#lockPath = lockPath;
    this.#sessionPath = sessionPath;
    removeIfOurs(old, this.#holder);
  }

  /** Removes the lock file if it is still this lock's. Safe to call twice. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    held.delete(this);
    removeIfOurs(this.#lockPath, this.#holder);
  }

  static #track(lock: SessionLock): SessionLock {
    held.add(lock);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on("exit", () => {
        for (const lock of [...held]) lock.release();
      });
    }
    return lock;
  }
}

function lockPathFor(sessionPath: string): string {
  return `${sessionPath}.lock`;
}

function sessionName(sessionPath: string): string {
  return basename(sessionPath).replace(/\.jsonl$/, "");
}

function clock(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "at an unknown time";
  const pad = (value: number) => String(value).padStart(2, "0");
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return sameDay ? time : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

function describeHolder(holder: SessionLockHolder): string {
  const host = holder.hostname === hostname() ? "" : ` on ${holder.hostname}`;
  return `pid ${holder.pid}, started ${clock(holder.started_at)}${host}`;
}

function lockedError(sessionPath: string, holder: SessionLockHolder | undefined): SessionError {
  const who = holder === undefined ? "another axion (its lock file is being written)" : `axion (${describeHolder(holder)})`;
  return new SessionError(`session ${sessionName(sessionPath)} is in use by ${who}`, "session_locked");
}

let self: SessionLockHolder | undefined;

function currentHolder(): SessionLockHolder {
  self ??= {
    pid: process.pid,
    start_ticks: readProcStat(process.pid)?.startTicks ?? null,
    started_at: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    hostname: hostname(),
    token: "",
  };
  return { ...self, token: randomBytes(8).toString("hex") };
}

function tryCreate(lockPath: string, holder: SessionLockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new SessionError(`${lockPath}: cannot create session lock (${(error as Error).message})`, "session_io");
  }
  try {
    writeSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(lockPath: string): SessionLockHolder | "missing" | "unreadable" {
  let text: string;
  try {
    text = readFileSync(lockPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    return "unreadable";
  }
  try {
    const value = JSON.parse(text) as Partial<SessionLockHolder>;
    if (typeof value.pid !== "number" || !Number.isInteger(value.pid) || value.pid <= 0 || typeof value.hostname !== "string") return "unreadable";
    return {
      pid: value.pid,
      start_ticks: typeof value.start_ticks === "string" ? value.start_ticks : null,
      started_at: typeof value.started_at === "string" ? value.started_at : "",
      hostname: value.hostname,
      token: typeof value.token === "string" ? value.token : "",
    };
  } catch {
    return "unreadable";
  }
}

function readHolderOrUndefined(lockPath: string): SessionLockHolder | undefined {
  const holder = readHolder(lockPath);
  return typeof holder === "object" ? holder : undefined;
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** `/proc/<pid>/stat`: state and start time; undefined when the process does not exist (or there is no /proc). */
function readProcStat(pid: number): { state: string; startTicks: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // the command name (field 2) is in parentheses and may hold spaces or parentheses: fields follow the last ")"
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const startTicks = fields[19];
  if (state === undefined || startTicks === undefined) return undefined;
  return { state, startTicks };
}

function hasProc(): boolean {
  try {
    statSync("/proc/self/stat");
    return true;
  } catch {
    return false;
  }
}

/** Whether the holder of a lock is still running. A holder on another host cannot be checked: it counts as alive. */
function holderIsAlive(holder: SessionLockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    // EPERM: a process of another user has the pid; the start time below tells whether it is the holder
  }
  if (!hasProc()) return true;
  const stat = readProcStat(holder.pid);
  if (stat === undefined) return false;
  if (stat.state === "Z" || stat.state === "X") return false;
  if (holder.start_ticks !== null && stat.startTicks !== holder.start_ticks) return false; // the pid was reused
  return true;
}

/**
 * Replaces a stale lock with ours under a guard file, so two processes finding the same stale lock cannot both
 * take it: only the guard's holder removes the stale lock, after checking it is still the same one.
 */
function takeOver(sessionPath: string, lockPath: string, stale: SessionLockHolder | "unreadable", holder: SessionLockHolder): string | undefined {
  const guard = `${lockPath}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw new SessionError(`${guard}: cannot take over session lock (${(error as Error).message})`, "session_io");
    }
    if (ageMs(guard) > GUARD_STALE_MS) {
      // left by a process that died while taking over: move it aside atomically, then let the caller retry
      try {
        renameSync(guard, `${guard}.${process.pid}.stale`);
        unlinkSync(`${guard}.${process.pid}.stale`);
      } catch {
        // another process cleared it first
      }
    }
    return undefined;
  }
  closeSync(fd);
  try {
    const current = readHolder(lockPath);
    const same = stale === "unreadable" ? current === "unreadable" : typeof current === "object" && current.pid === stale.pid && current.token === stale.token;
    if (current !== "missing" && !same) return undefined; // someone else took it meanwhile: retry from the start
    if (current !== "missing") {
      try {
        unlinkSync(lockPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    if (!tryCreate(lockPath, holder)) return undefined;
    const whose = stale === "unreadable" ? "an unreadable lock file" : `a lock left by pid ${stale.pid} (started ${clock(stale.started_at)}), which is no longer running`;
    return `session ${sessionName(sessionPath)}: took over ${whose}`;
  } finally {
    try {
      unlinkSync(guard);
    } catch {
      // already gone
    }
  }
}

function removeIfOurs(lockPath: string, holder: SessionLockHolder): void {
  const current = readHolder(lockPath);
  if (typeof current !== "object" || current.pid !== holder.pid || current.token !== holder.token) return;
  try {
    unlinkSync(lockPath);
  } catch {
    // already gone
  }
}
