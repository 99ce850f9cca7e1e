import { createHash } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import writeFileAtomic from "write-file-atomic";

export interface PromptHistoryOptions {
  /** axion's config home; the history lives in `<configHome>/history/`. */
  configHome: string;
  /** The project: each working directory has its own history file. */
  cwd: string;
  /** Entries kept (default 1 000). */
  limit?: number | undefined;
  /** A line of the file that cannot be read is reported here (then skipped). */
  warn?: ((message: string) => void) | undefined;
}

interface HistoryRecord {
  cwd: string;
  text: string;
  at: string;
}

/** The file holding the prompt history of `cwd`: `<configHome>/history/<sha256(cwd) prefix>.jsonl`. */
export function historyFile(configHome: string, cwd: string): string {
  const digest = createHash("sha256").update(cwd).digest("hex").slice(0, 16);
  return join(configHome, "history", `${digest}.jsonl`);
}

/**
 * The prompts typed in one project, oldest first. One JSON line per prompt (`{cwd, text, at}`), appended as each
 * prompt is sent, so a multi-line prompt stays one entry and a crash loses nothing but the line being written. The
 * file is private to the user (mode 0600) since prompts may hold secrets.
 */
export class PromptHistory {
  readonly file: string;
  private readonly cwd: string;
  private readonly limit: number;
  private readonly list: string[];
  private lines: number;
  /** The file ends in a torn line: the next append starts on a new line. */
  private torn: boolean;

  constructor(options: PromptHistoryOptions) {
    this.file = historyFile(options.configHome, options.cwd);
    this.cwd = options.cwd;
    this.limit = options.limit ?? 1_000;
    const loaded = readHistory(this.file, options.warn);
    this.list = loaded.entries.slice(-this.limit);
    this.lines = loaded.lines;
    this.torn = loaded.torn;
  }

  /** Oldest first. */
  entries(): readonly string[] {
    return this.list;
  }

  /**
   * Records a sent prompt; blank prompts and a repeat of the previous one are not recorded, nor is a `/login` that
   * carries its key (the history file must never hold a credential).
   */
  add(text: string): void {
    if (text.trim() === "" || this.list.at(-1) === text || /^\s*\/login\s+\S+\s+\S/.test(text)) return;
    this.list.push(text);
    if (this.list.length > this.limit) this.list.splice(0, this.list.length - this.limit);
    const record: HistoryRecord = { cwd: this.cwd, text, at: new Date().toISOString() };
    try {
      mkdirSync(join(this.file, ".."), { recursive: true, mode: 0o700 });
      if (this.lines >= this.limit * 2) {
        // the file keeps growing by appends; now and then it is rewritten with the kept entries only
        // (atomically, with write-file-atomic: a kill during the rewrite never loses the history)
        const kept = this.list.map((entry) => JSON.stringify({ cwd: this.cwd, text: entry, at: record.at }));
        writeFileAtomic.sync(this.file, `${kept.join("\n")}\n`, { mode: 0o600 });
        this.lines = kept.length;
      } else {
        appendFileSync(this.file, `${this.torn ? "\n" : ""}${JSON.stringify(record)}\n`, { mode: 0o600 });
        this.torn = false;
        this.lines += 1;
      }
    } catch {
      // history is a convenience: a read-only config home must not stop the REPL
    }
  }
}

function readHistory(file: string, warn: ((message: string) => void) | undefined): { entries: string[]; lines: number; torn: boolean } {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch {
    return { entries: [], lines: 0, torn: false };
  }
  const lines = content.split("\n");
  const torn = content !== "" && !content.endsWith("\n");
  const entries: string[] = [];
  let count = 0;
  lines.forEach((line, index) => {
    if (line === "") return;
    count += 1;
    try {
      const record = JSON.parse(line) as Partial<HistoryRecord>;
      if (typeof record.text === "string") {
        entries.push(record.text);
        return;
      }
    } catch {
      // reported below
    }
    // a torn last line (a crash while appending) is expected and dropped quietly
    if (torn && index === lines.length - 1) return;
    warn?.(`${file}: line ${index + 1} is not a history record; skipped`);
  });
  return { entries, lines: count, torn };
}
