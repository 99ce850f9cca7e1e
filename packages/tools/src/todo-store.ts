export type TodoStatus = "pending" | "in_progress" | "completed";

export interface TodoItem {
  content: string;
  status: TodoStatus;
  /** Present-tense form shown while the item is in progress ("Running tests"). */
  activeForm: string;
}

/** The session's task list, replaced as a whole by each TodoWrite call. */
export class TodoStore {
  #items: TodoItem[] = [];
  readonly #listeners = new Set<(items: readonly TodoItem[]) => void>();

  get items(): readonly TodoItem[] {
    return this.#items;
  }

  set(items: readonly TodoItem[]): void {
    this.#items = items.map((item) => ({ ...item }));
    for (const listener of this.#listeners) listener(this.#items);
  }

  /** Calls `listener` after every change; returns a function that unsubscribes. */
  onChange(listener: (items: readonly TodoItem[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
