import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";

/** Lines of a referenced file inlined into the prompt. */
export const REFERENCE_MAX_LINES = 200;
/** Entries of a referenced directory listed in the prompt. */
export const REFERENCE_MAX_ENTRIES = 100;
const MAX_LINE_CHARS = 2_000;
const BINARY_PROBE_BYTES = 8_192;

export interface FileReference {
  /** As typed, without the `@`. */
  path: string;
  kind: "file" | "directory" | "missing" | "binary";
}

export interface ExpandedPrompt {
  /** The text as typed, followed by one `[Context from @path]` block per existing reference. */
  prompt: string;
  references: FileReference[];
}

/** `@path` tokens in typed text: an `@` at the start or after whitespace, up to the next whitespace. */
const REFERENCE = /(^|\s)@([^\s]+)/g;

/** Splits a token from trailing punctuation that is not part of an existing path (`see @a.ts,` → `a.ts`). */
function resolveToken(token: string, cwd: string): { path: string; absolute: string } | undefined {
  let candidate = token;
  for (;;) {
    const absolute = isAbsolute(candidate) ? candidate : resolve(cwd, candidate);
    try {
      statSync(absolute);
      return { path: candidate, absolute };
    } catch {
      const trimmed = candidate.replace(/[,.;:!?)\]}'"]$/, "");
      if (trimmed === candidate || trimmed === "") return undefined;
      candidate = trimmed;
    }
  }
}

function looksBinary(file: string): boolean {
  const descriptor = openSync(file, "r");
  try {
    const probe = Buffer.alloc(BINARY_PROBE_BYTES);
    const read = readSync(descriptor, probe, 0, probe.length, 0);
    return probe.subarray(0, read).includes(0);
  } finally {
    closeSync(descriptor);
  }
}

function fileBlock(path: string, absolute: string): { text: string; kind: FileReference["kind"] } {
  if (looksBinary(absolute)) {
    return { text: `[Context from @${path}]\n(binary file, ${statSync(absolute).size} bytes, not inlined)`, kind: "binary" };
  }
  const lines = readFileSync(absolute, "utf8").split("\n");
  if (lines.length > 1 && lines.at(-1) === "") lines.pop();
  const shown = lines.slice(0, REFERENCE_MAX_LINES).map((line, index) => {
    const text = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
    return `${String(index + 1).padStart(6)}\t${text}`;
  });
  if (lines.length > REFERENCE_MAX_LINES) shown.push(`… (${lines.length - REFERENCE_MAX_LINES} more lines not shown)`);
  return { text: `[Context from @${path}]\n${shown.join("\n")}`, kind: "file" };
}

function directoryBlock(path: string, absolute: string): string {
  const entries = readdirSync(absolute, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
    .sort((left, right) => left.localeCompare(right));
  const shown = entries.slice(0, REFERENCE_MAX_ENTRIES);
  if (entries.length > REFERENCE_MAX_ENTRIES) shown.push(`… and ${entries.length - REFERENCE_MAX_ENTRIES} more`);
  const listing = shown.length === 0 ? "(empty directory)" : shown.join("\n");
  return `[Context from @${path}]\nDirectory listing of ${path} (${entries.length} entries):\n${listing}`;
}

/**
 * Inlines every `@path` of `text` that names an existing file or directory (relative to `cwd` or absolute): a file
 * as its first 200 lines, numbered; a directory as a listing. Each reference is inlined once; tokens naming nothing
 * are reported as `missing` and left as typed.
 */
export function expandFileReferences(text: string, cwd: string): ExpandedPrompt {
  const references: FileReference[] = [];
  const blocks: string[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(REFERENCE)) {
    const token = match[2]!;
    const found = resolveToken(token, cwd);
    if (found === undefined) {
      references.push({ path: token, kind: "missing" });
      continue;
    }
    if (seen.has(found.absolute)) continue;
    seen.add(found.absolute);
    if (statSync(found.absolute).isDirectory()) {
      blocks.push(directoryBlock(found.path, found.absolute));
      references.push({ path: found.path, kind: "directory" });
    } else {
      const block = fileBlock(found.path, found.absolute);
      blocks.push(block.text);
      references.push({ path: found.path, kind: block.kind });
    }
  }
  if (blocks.length === 0) return { prompt: text, references };
  return { prompt: `${text}\n\n${blocks.join("\n\n")}`, references };
}

/**
 * Completions for the `@path` token that ends at `cursor`: `{from, candidates}` where each candidate replaces
 * `text.slice(from, cursor)`. Directories end with `/`; dot files only when the typed name starts with a dot.
 */
export function completeFileReference(text: string, cursor: number, cwd: string, limit = 200): { from: number; candidates: string[] } | undefined {
  const before = text.slice(0, cursor);
  const match = /(^|\s)@([^\s]*)$/.exec(before);
  if (!match) return undefined;
  const typed = match[2]!;
  const from = cursor - typed.length - 1;
  const slash = typed.lastIndexOf("/");
  const directoryPart = slash === -1 ? "" : typed.slice(0, slash + 1);
  const namePart = slash === -1 ? typed : typed.slice(slash + 1);
  const base = isAbsolute(directoryPart) ? directoryPart : join(cwd, directoryPart);
  let entries;
  try {
    entries = readdirSync(base, { withFileTypes: true });
  } catch {
    return { from, candidates: [] };
  }
  const candidates = entries
    .filter((entry) => entry.name.startsWith(namePart) && (namePart.startsWith(".") || !entry.name.startsWith(".")))
    .filter((entry) => entry.name !== "node_modules" || namePart !== "")
    .map((entry) => `@${directoryPart}${entry.name}${entry.isDirectory() ? "/" : ""}`)
    .sort((left, right) => left.localeCompare(right))
    .slice(0, limit);
  return { from, candidates };
}
