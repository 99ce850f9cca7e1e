import {
  chmodSync,
  closeSync,
  existsSync,
  fchmodSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
} from "node:fs";
import { isAbsolute, join, resolve, sep } from "node:path";
import type { Message, Usage } from "@axion/api";
import { analyticsEvent, type TelemetrySink } from "@axion/telemetry";
import { loadSessionWithLayout, parseSessionBuffer, type LoadedSession } from "./load-session.js";
import { SessionError } from "./session-error.js";
import { assertSafeSessionName, newSessionId } from "./session-id.js";
import { SessionLock } from "./session-lock.js";
import { SESSION_FORMAT_VERSION, type SessionMetaRecord, type SessionParent } from "./session-records.js";
import { SessionWriter, writeAll } from "./session-writer.js";

export interface SessionStoreOptions {
  /** The workspace; sessions live in `<cwd>/.axion/sessions/`. */
  cwd: string;
  /** Overrides the sessions folder. */
  directory?: string | undefined;
  now?: (() => Date) | undefined;
  /** Prices a model call; defaults to the api model registry. */
  price?: ((usage: Usage, model: string) => number) | undefined;
  telemetry?: TelemetrySink | undefined;
  /** Applied to every record written (known secret values → `[REDACTED]`). */
  redact?: ((line: string) => string) | undefined;
}

/** One line of `list()`. */
export interface SessionSummary {
  id: string;
  path: string;
  /** From the meta record. */
  created: Date;
  /** The file's modification time. */
  updated: Date;
  /** Messages recorded in the file, compacted ones included (what `session show` lists). */
  messageCount: number;
  /** Messages a resume starts from: after a compaction, its summary in place of the messages it replaced. */
  messagesInContext: number;
  /** How many compactions the file records. */
  compactions: number;
  /** The first user text, on one line, at most 80 characters. */
  preview: string;
  model: string;
  title: string | undefined;
  parent: SessionParent | undefined;
  /** Set when the file cannot be loaded; the other fields are then best effort. */
  error?: string | undefined;
}

/** What `resume` returns. */
export interface ResumedSession {
  session: LoadedSession;
  writer: SessionWriter;
  /** Lines to show the person: a stale lock taken over, repairs recorded. */
  notes: string[];
}

export interface ResumeWaitingOptions {
  /** Stops waiting (the promise rejects with the lock error). */
  signal?: AbortSignal | undefined;
  /** Between two tries; default 250 ms. */
  pollMs?: number | undefined;
  /** Called once, with the lock error's message, when the session is found in use. */
  onWait?: ((message: string) => void) | undefined;
}

const SESSION_SUFFIX = ".jsonl";
const PREVIEW_LENGTH = 80;

/** Session files of one workspace: create, resolve, load, list, fork, rename and delete. */
export class SessionStore {
  readonly cwd: string;
  readonly directory: string;
  readonly #now: () => Date;
  readonly #price: ((usage: Usage, model: string) => number) | undefined;
  readonly #telemetry: TelemetrySink | undefined;
  readonly #redact: ((line: string) => string) | undefined;

  constructor(options: SessionStoreOptions) {
    this.cwd = resolve(options.cwd);
    this.directory = options.directory ? resolve(this.cwd, options.directory) : join(this.cwd, ".axion", "sessions");
    this.#now = options.now ?? (() => new Date());
    this.#price = options.price;
    this.#telemetry = options.telemetry;
    this.#redact = options.redact;
  }

  /** The file a session id maps to (whether or not it exists). */
  pathFor(id: string): string {
    return join(this.directory, `${id}${SESSION_SUFFIX}`);
  }

  /** Starts a new session file and writes its meta record. `id` must be a safe name; default: 16 random hex. */
  create(options: { model: string; parent?: SessionParent | undefined; id?: string | undefined }): SessionWriter {
    if (options.id !== undefined) assertSafeSessionName(options.id, "new session");
    this.#ensureDirectory();
    for (let attempt = 0; ; attempt += 1) {
      const id = options.id ?? newSessionId();
      const path = this.pathFor(id);
      const lock = SessionLock.acquire(path);
      let fd: number;
      try {
        fd = openSync(path, "wx", 0o600);
      } catch (error) {
        lock.release();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EEXIST" && options.id === undefined && attempt < 5) continue;
        if (code === "EEXIST") throw new SessionError(`${path}: a session with this name exists`, "session_exists");
        throw new SessionError(`${path}: cannot create session file (${(error as Error).message})`, "session_io");
      }
      fchmodSync(fd, 0o600);
      const writer = this.#writer(id, path, fd, lock);
      writer.append(this.#meta(id, options.model, options.parent));
      this.#emit("session_created", { sessionId: id });
      return writer;
    }
  }

  /**
   * Resolves a reference to a session file: `latest`, a path to a `.jsonl` file (anything with a path separator
   * or the `.jsonl` suffix), an exact id, or a unique id prefix.
   */
  resolve(ref: string): string {
    const trimmed = ref.trim();
    if (trimmed === "") throw new SessionError("empty session reference", "session_not_found");
    if (trimmed === "latest") {
      const newest = this.#files()[0];
      if (!newest) throw new SessionError(`no sessions in ${this.directory}`, "session_not_found");
      return newest.path;
    }
    if (trimmed.includes("/") || trimmed.includes(sep) || trimmed.endsWith(SESSION_SUFFIX) || isAbsolute(trimmed)) {
      const path = resolve(this.cwd, trimmed);
      if (!existsSync(path)) throw new SessionError(`${path}: no such session file`, "session_not_found");
      return path;
    }
    const files = this.#files();
    const exact = files.find((file) => file.id === trimmed);
    if (exact) return exact.path;
    const matches = files.filter((file) => file.id.startsWith(trimmed));
    if (matches.length === 1 && matches[0]) return matches[0].path;
    if (matches.length === 0) {
      throw new SessionError(`no session matches "${trimmed}" in ${this.directory}`, "session_not_found");
    }
    const names = matches.map((file) => file.id).sort();
    throw new SessionError(
      `session reference "${trimmed}" is ambiguous: it matches ${names.join(", ")}`,
      "session_ambiguous",
    );
  }

  open(ref: string): LoadedSession {
    return loadSessionWithLayout(this.resolve(ref), { price: this.#price }).session;
  }

  /** Every session, newest first (by modification time). A file that fails to load is listed with `error`. */
  list(): SessionSummary[] {
    return this.#files().map((file) => this.#summarise(file.id, file.path, file.mtime));
  }

  /**
   * Copies a session into a new one whose meta names the source as parent. Returns the new id (`options.id` or
   * 16 random hex). A torn last line of the source is not copied.
   */
  fork(ref: string, branch?: string, options: { id?: string | undefined } = {}): string {
    const sourcePath = this.resolve(ref);
    const buffer = readSource(sourcePath);
    const { session, layout } = parseSessionBuffer(buffer, sourcePath, { price: this.#price });
    const parent: SessionParent = { session_id: session.id };
    if (branch !== undefined) parent.branch = branch;
    const writer = this.create({ model: session.meta.model, parent, id: options.id });
    try {
      const body = buffer.subarray(layout.metaBytes, layout.validBytes);
      if (body.length > 0) {
        writer.appendSerialized(layout.endsWithNewline ? body : Buffer.concat([body, Buffer.from("\n")]));
      }
    } finally {
      writer.close();
    }
    this.#emit("session_forked", { sessionId: writer.id, parentSessionId: session.id });
    return writer.id;
  }

  /**
   * Renames a session file to `<newId>.jsonl`. The meta record keeps the id the session was created with. A
   * writer open on the file keeps appending to it; pass it to update its `id` and `path`.
   */
  rename(ref: string, newId: string, writer?: SessionWriter): { id: string; path: string } {
    assertSafeSessionName(newId, "rename session");
    const from = this.resolve(ref);
    const to = this.pathFor(newId);
    if (existsSync(to)) throw new SessionError(`${to}: a session with this name exists`, "session_exists");
    this.#ensureDirectory();
    // the lock moves with the file: the writer's own, or one taken here (a session in use elsewhere is refused)
    const ours = writer !== undefined && resolve(writer.path) === from ? writer.lock : undefined;
    const lock = ours ?? SessionLock.acquire(from);
    try {
      lock.moveTo(to);
      try {
        renameSync(from, to);
      } catch (error) {
        lock.moveTo(from);
        throw new SessionError(`${from}: cannot rename session file (${(error as Error).message})`, "session_io");
      }
    } finally {
      if (ours === undefined) lock.release();
    }
    if (writer && resolve(writer.path) === from) writer.renamed(newId, to);
    return { id: newId, path: to };
  }

  /** Deletes a session file; returns its path. A session in use by a running axion is refused (`session_locked`). */
  delete(ref: string): string {
    const path = this.resolve(ref);
    const lock = SessionLock.acquire(path);
    try {
      unlinkSync(path);
    } catch (error) {
      throw new SessionError(`${path}: cannot delete session file (${(error as Error).message})`, "session_io");
    } finally {
      lock.release();
    }
    this.#emit("session_deleted", { path });
    return path;
  }

  /**
   * Takes the session's lock (`session_locked` when a running axion holds it; a stale lock is taken over, with a
   * note), loads it, cuts off a torn last line, records the repairs an unclean exit made necessary (tool calls left
   * without results, see `interruptedToolRepairs`) and opens a writer that appends to the same file and holds the
   * lock until it is closed.
   */
  resume(ref: string): ResumedSession {
    const path = this.resolve(ref);
    const lock = SessionLock.acquire(path);
    const notes = lock.note === undefined ? [] : [lock.note];
    let fd: number | undefined;
    try {
      const buffer = readSource(path);
      const { session, layout } = parseSessionBuffer(buffer, path, { price: this.#price, now: this.#now });
      try {
        fd = openSync(path, "a", 0o600);
        if (layout.validBytes < buffer.length) ftruncateSync(fd, layout.validBytes);
      } catch (error) {
        throw new SessionError(`${path}: cannot open session for writing (${(error as Error).message})`, "session_io");
      }
      if (!layout.endsWithNewline && layout.validBytes > 0) writeAll(fd, Buffer.from("\n"), path);
      const writer = this.#writer(session.id, path, fd, lock);
      fd = undefined; // the writer owns it now
      for (const repair of session.pendingRepairs) writer.append(repair);
      if (session.pendingRepairs.length > 0) {
        const calls = session.pendingRepairs.reduce((sum, repair) => sum + repair.tool_use_ids.length, 0);
        notes.push(`session ${session.id}: ${calls} tool call${calls === 1 ? "" : "s"} left without a result by an unclean exit marked as interrupted`);
      }
      this.#emit("session_resumed", { sessionId: session.id, messages: session.messages.length, repairs: session.pendingRepairs.length });
      return { session, writer, notes };
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      lock.release();
      throw error;
    }
  }

  /**
   * `resume`, waiting while another axion holds the session's lock: tries again every `pollMs` until it is free or
   * `signal` aborts (then the lock error is thrown).
   */
  async resumeWaiting(ref: string, options: ResumeWaitingOptions = {}): Promise<ResumedSession> {
    // resolved once: `latest` must not turn into a session created while waiting (a fork of this one, say)
    const path = this.resolve(ref);
    let told = false;
    for (;;) {
      try {
        return this.resume(path);
      } catch (error) {
        if (!SessionError.isInstance(error) || error.code !== "session_locked") throw error;
        if (!told) {
          told = true;
          options.onWait?.(error.message);
        }
        if (options.signal?.aborted) throw error;
        await pause(options.pollMs ?? 250, options.signal);
        if (options.signal?.aborted) throw error;
      }
    }
  }

  #writer(id: string, path: string, fd: number, lock: SessionLock): SessionWriter {
    return new SessionWriter({ id, path, fd, now: this.#now, price: this.#price, redact: this.#redact, lock });
  }

  #meta(id: string, model: string, parent: SessionParent | undefined): SessionMetaRecord {
    const meta: SessionMetaRecord = {
      type: "meta",
      version: SESSION_FORMAT_VERSION,
      session_id: id,
      created_at: this.#now().toISOString(),
      cwd: this.cwd,
      model,
    };
    if (parent !== undefined) meta.parent = parent;
    return meta;
  }

  #ensureDirectory(): void {
    if (existsSync(this.directory)) return;
    try {
      mkdirSync(join(this.directory, ".."), { recursive: true });
      mkdirSync(this.directory, { mode: 0o700 });
      chmodSync(this.directory, 0o700);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return;
      throw new SessionError(`${this.directory}: cannot create sessions folder (${(error as Error).message})`, "session_io");
    }
  }

  /** Session files, newest first. */
  #files(): { id: string; path: string; mtime: Date }[] {
    let names: string[];
    try {
      names = readdirSync(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw new SessionError(`${this.directory}: cannot list sessions (${(error as Error).message})`, "session_io");
    }
    const files: { id: string; path: string; mtime: Date }[] = [];
    for (const name of names) {
      if (!name.endsWith(SESSION_SUFFIX)) continue;
      const path = join(this.directory, name);
      let stats;
      try {
        stats = statSync(path);
      } catch {
        continue; // deleted between readdir and stat
      }
      if (!stats.isFile()) continue;
      files.push({ id: name.slice(0, -SESSION_SUFFIX.length), path, mtime: stats.mtime });
    }
    return files.sort((a, b) => b.mtime.getTime() - a.mtime.getTime() || a.id.localeCompare(b.id));
  }

  #summarise(id: string, path: string, mtime: Date): SessionSummary {
    try {
      const session = loadSessionWithLayout(path, { price: this.#price }).session;
      return {
        id,
        path,
        created: new Date(session.meta.created_at),
        updated: mtime,
        messageCount: session.records.filter((record) => record.type === "message").length,
        messagesInContext: session.messages.length,
        compactions: session.compactions,
        preview: firstUserText(session),
        model: session.meta.model,
        title: session.title,
        parent: session.meta.parent,
      };
    } catch (error) {
      return {
        id,
        path,
        created: mtime,
        updated: mtime,
        messageCount: 0,
        messagesInContext: 0,
        compactions: 0,
        preview: "",
        model: "",
        title: undefined,
        parent: undefined,
        error: (error as Error).message,
      };
    }
  }

  #emit(action: string, properties: Record<string, unknown>): void {
    this.#telemetry?.emit(analyticsEvent("session", action, properties, this.#now().getTime()));
  }
}

/** Loads a session and opens a writer appending to the same file. */
export function resumeSession(store: SessionStore, ref: string): ResumedSession {
  return store.resume(ref);
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

function readSource(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new SessionError(`${path}: cannot read session file (${(error as Error).message})`, "session_io");
  }
}

function firstUserText(session: LoadedSession): string {
  for (const record of session.records) {
    if (record.type !== "message") continue;
    const message = (record as { message: Message }).message;
    if (message.role !== "user") continue;
    const text = textOfMessage(message).replace(/\s+/g, " ").trim();
    if (text === "") continue;
    return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
  }
  return "";
}

function textOfMessage(message: Message): string {
  if (typeof message.content === "string") return message.content;
  return message.content
    .filter((block) => block.type === "text")
    .map((block) => (block as { text: string }).text)
    .join(" ");
}
