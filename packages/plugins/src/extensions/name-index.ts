/** What a catalog entry needs for lookups. */
export interface NamedEntry {
  /** The full name: `review` or, for plugin entries, `plugin-name:review`. */
  name: string;
  /** For plugin entries, the name without the plugin prefix (`review`). */
  localName?: string | undefined;
}

/**
 * Indexes entries given in precedence order: the first entry with a name wins; a plugin entry is also reachable by
 * its local name when no other entry has that name or local name.
 */
export class NameIndex<Entry extends NamedEntry> {
  readonly entries: Entry[] = [];
  private readonly byName = new Map<string, Entry>();
  private readonly aliasesByEntry = new Map<Entry, string[]>();

  constructor(ordered: readonly Entry[]) {
    for (const entry of ordered) {
      if (this.byName.has(entry.name)) continue;
      this.byName.set(entry.name, entry);
      this.entries.push(entry);
    }
    const localCounts = new Map<string, number>();
    for (const entry of this.entries) {
      if (entry.localName !== undefined) localCounts.set(entry.localName, (localCounts.get(entry.localName) ?? 0) + 1);
    }
    for (const entry of this.entries) {
      const local = entry.localName;
      if (local === undefined || this.byName.has(local) || localCounts.get(local) !== 1) continue;
      this.aliasesByEntry.set(entry, [local]);
    }
    for (const [entry, aliases] of this.aliasesByEntry) for (const alias of aliases) this.byName.set(alias, entry);
  }

  get(name: string): Entry | undefined {
    return this.byName.get(name.replace(/^\//, ""));
  }

  aliasesOf(entry: Entry): string[] {
    return this.aliasesByEntry.get(entry) ?? [];
  }
}
