import { closeSync, writeSync } from "node:fs";
import type { Message, Usage } from "@axion/api";
import { priceUsage } from "../usage/usage-tracker.js";
import { SessionError } from "./session-error.js";
import type { SessionLock } from "./session-lock.js";
import type {
  SessionCompactionRecord,
  SessionMessageRecord,
  SessionPromptResentRepair,
  SessionRecord,
  SessionTitleRecord,
  SessionUsageRecord,
} from "./session-records.js";

export interface SessionWriterOptions {
  id: string;
  path: string;
  /** An open file descriptor in append mode; the writer owns it from now on. */
  fd: number;
  now?: (() => Date) | undefined;
  price?: ((usage: Usage, model: string) => number) | undefined;
  /** Applied to every serialised record before it is written (known secret values → `[REDACTED]`). */
  redact?: ((line: string) => string) | undefined;
  /** The session's lock; the writer releases it on close. */
  lock?: SessionLock | undefined;
}

/**
 * Appends records to one session file as they happen: one JSON line per record, written with a single
 * `writeSync` on a descriptor opened once, so saving a turn costs the size of the turn and a crash loses at most
 * the line being written. The method shapes match the agent loop's `TranscriptWriter`.
 */
export class SessionWriter {
  #id: string;
  #path: string;
  #fd: number | undefined;
  readonly #now: () => Date;
  readonly #price: (usage: Usage, model: string) => number;
  readonly #redact: ((line: string) => string) | undefined;
  readonly #lock: SessionLock | undefined;
  #recordsWritten = 0;
  /** Set by `replaceDanglingPromptWithNext`: the next user prompt written replaces this many trailing messages. */
  #replacePrompts = 0;

  constructor(options: SessionWriterOptions) {
    this.#id = options.id;
    this.#path = options.path;
    this.#fd = options.fd;
    this.#now = options.now ?? (() => new Date());
    this.#price = options.price ?? priceUsage;
    this.#redact = options.redact;
    this.#lock = options.lock;
  }

  get id(): string {
    return this.#id;
  }

  get path(): string {
    return this.#path;
  }

  get closed(): boolean {
    return this.#fd === undefined;
  }

  /** Records written through this writer. */
  get recordsWritten(): number {
    return this.#recordsWritten;
  }

  /** The lock held while this writer is open (undefined for writers made without one). */
  get lock(): SessionLock | undefined {
    return this.#lock;
  }

  /**
   * The next user prompt written (a user message without tool results) replaces the last `messages` messages of
   * the history: it is written as a `prompt_resent` repair record, so the file replays to the history in memory.
   * Used by `takeDanglingPrompt`.
   */
  replaceDanglingPromptWithNext(messages: number): void {
    this.#replacePrompts = messages;
  }

  appendMessage(message: Message, extra: { usage?: Usage | undefined; model?: string | undefined } = {}): void {
    if (this.#replacePrompts > 0 && message.role === "user" && (typeof message.content === "string" || message.content.every((block) => block.type !== "tool_result"))) {
      const repair: SessionPromptResentRepair = {
        type: "repair",
        kind: "prompt_resent",
        replaced_messages: this.#replacePrompts,
        message,
        timestamp: this.#timestamp(),
      };
      this.append(repair);
      this.#replacePrompts = 0;
      return;
    }
    const record: SessionMessageRecord = { type: "message", message, timestamp: this.#timestamp() };
    if (extra.usage !== undefined) record.usage = extra.usage;
    if (extra.model !== undefined) record.model = extra.model;
    this.append(record);
  }

  /** `removedMessages` messages from the start of the history were replaced by one message holding `summary`. */
  appendCompaction(compaction: { summary: string; removedMessages: number; keptMessages: number }): void {
    const record: SessionCompactionRecord = {
      type: "compaction",
      summary: compaction.summary,
      removed_messages: compaction.removedMessages,
      kept_messages: compaction.keptMessages,
      timestamp: this.#timestamp(),
    };
    this.append(record);
  }

  /** The usage of one model call; the cost is priced from the model registry when not given. */
  appendUsage(entry: { usage: Usage; model: string; costUsd?: number | undefined }): void {
    const record: SessionUsageRecord = {
      type: "usage",
      usage: entry.usage,
      model: entry.model,
      cost_usd: entry.costUsd ?? this.#price(entry.usage, entry.model),
      timestamp: this.#timestamp(),
    };
    this.append(record);
  }

  appendTitle(title: string): void {
    const record: SessionTitleRecord = { type: "title", title, timestamp: this.#timestamp() };
    this.append(record);
  }

  /** Appends any record as one line. */
  append(record: SessionRecord): void {
    if (this.#fd === undefined) {
      throw new SessionError(`${this.#path}: session writer is closed`, "session_closed");
    }
    const line = JSON.stringify(record);
    writeAll(this.#fd, Buffer.from(`${this.#redact === undefined ? line : this.#redact(line)}\n`, "utf8"), this.#path);
    this.#recordsWritten += 1;
  }

  /** Appends lines that are already serialised records, each ending in a newline (used to copy a session). */
  appendSerialized(lines: Buffer): void {
    if (this.#fd === undefined) {
      throw new SessionError(`${this.#path}: session writer is closed`, "session_closed");
    }
    writeAll(this.#fd, lines, this.#path);
  }

  /** Points the writer at a new name after the file was renamed (the descriptor follows the file). */
  renamed(id: string, path: string): void {
    this.#id = id;
    this.#path = path;
  }

  /** Closes the file and releases the session's lock. */
  close(): void {
    if (this.#fd === undefined) return;
    const fd = this.#fd;
    this.#fd = undefined;
    try {
      closeSync(fd);
    } finally {
      this.#lock?.release();
    }
  }

  #timestamp(): string {
    return this.#now().toISOString();
  }
}

/** Writes every byte (a regular file may accept fewer bytes than asked in one call). */
export function writeAll(fd: number, bytes: Buffer, path: string): void {
  let offset = 0;
  try {
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
  } catch (error) {
    throw new SessionError(`${path}: cannot write session record (${(error as Error).message})`, "session_io");
  }
}
