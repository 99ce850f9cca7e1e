import type { Message, Usage } from "@axion/api";
import { newSessionId, type SessionStore, type SessionWriter, type TranscriptWriter } from "@axion/runtime";

/**
 * A session file that is created on the first record: opening the REPL or running a subcommand leaves no
 * empty session behind. The id is fixed up front so it can be shown at once.
 */
export class DeferredSessionWriter implements TranscriptWriter {
  readonly #store: SessionStore;
  readonly #model: () => string;
  #id: string;
  #writer: SessionWriter | undefined;

  constructor(store: SessionStore, model: () => string, existing?: SessionWriter) {
    this.#store = store;
    this.#model = model;
    this.#writer = existing;
    this.#id = existing?.id ?? newSessionId();
  }

  get id(): string {
    return this.#writer?.id ?? this.#id;
  }

  get path(): string {
    return this.#writer?.path ?? this.#store.pathFor(this.#id);
  }

  /** The underlying writer once the file exists. */
  get created(): SessionWriter | undefined {
    return this.#writer;
  }

  appendMessage(message: Message, extra?: { usage?: Usage; model?: string }): void {
    this.#open().appendMessage(message, extra);
  }

  appendCompaction(record: { summary: string; removedMessages: number; keptMessages: number }): void {
    this.#open().appendCompaction(record);
  }

  appendUsage(record: { usage: Usage; model: string; costUsd: number }): void {
    this.#open().appendUsage(record);
  }

  /** Renames the session; before the file exists only the future id changes. */
  rename(name: string): void {
    if (this.#writer) this.#store.rename(this.#writer.id, name, this.#writer);
    else this.#id = name;
  }

  close(): void {
    this.#writer?.close();
  }

  #open(): SessionWriter {
    this.#writer ??= this.#store.create({ model: this.#model(), id: this.#id });
    return this.#writer;
  }
}
