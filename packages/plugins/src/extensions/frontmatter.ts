import { closeSync, openSync, readSync } from "node:fs";
import { parseDocument } from "yaml";
import { ExtensionError } from "./extension-error.js";

export interface Frontmatter {
  /** The YAML mapping between the `---` lines; empty when the file has none. */
  attributes: Record<string, unknown>;
  /** The text after the closing `---` line. */
  body: string;
  /** Whether the file opened with a frontmatter block. */
  present: boolean;
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*\r?$/m;
/** A closing line followed by its line break: the frontmatter is complete even if the body is not. */
const CLOSED_LINE = /^(?:---|\.\.\.)[ \t]*\r?\n/m;

/**
 * Splits `---` YAML frontmatter from a markdown file. Single-line values Claude Code files often leave unquoted
 * although YAML rejects them (`argument-hint: [file] [options]`, `description: Use when: …`) are read as plain
 * strings. Any other YAML error (an unclosed `[`, bad indentation) throws an `ExtensionError` naming the file and
 * the line.
 */
export function parseFrontmatter(text: string, file: string): Frontmatter {
  const opening = OPENING.exec(text);
  if (opening === null) return { attributes: {}, body: text.replace(/^\uFEFF/, ""), present: false };
  const rest = text.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (closing === null) {
    throw new ExtensionError("frontmatter_invalid", file, "invalid frontmatter: the opening --- has no closing --- line", { line: 1 });
  }
  const yamlText = rest.slice(0, closing.index);
  const afterClosing = rest.slice(closing.index + closing[0].length);
  const body = afterClosing.replace(/^\r?\n/, "");
  return { attributes: parseYamlMapping(yamlText, file), body, present: true };
}

function parseYamlMapping(yamlText: string, file: string): Record<string, unknown> {
  const document = parseDocument(yamlText);
  let value: unknown;
  if (document.errors.length === 0) {
    value = document.toJS();
  } else {
    const lenient = parseDocument(quoteInvalidValues(yamlText));
    if (lenient.errors.length > 0) {
      const error = document.errors[0]!;
      const line = (error.linePos?.[0]?.line ?? 1) + 1;
      const reason = (error.message.split("\n")[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, "");
      throw new ExtensionError("frontmatter_invalid", file, `invalid frontmatter: ${reason}`, { line });
    }
    value = lenient.toJS();
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ExtensionError("frontmatter_invalid", file, "invalid frontmatter: expected `key: value` lines", { line: 2 });
  }
  return value as Record<string, unknown>;
}

const TOP_LEVEL_PAIR = /^([A-Za-z0-9_-]+):[ \t]+(\S.*?)[ \t]*$/;

/** Quotes each single-line top-level value that is not valid YAML on its own. */
function quoteInvalidValues(yamlText: string): string {
  return yamlText
    .split("\n")
    .map((line) => {
      const match = TOP_LEVEL_PAIR.exec(line.replace(/\r$/, ""));
      if (match === null) return line;
      const [, key, value] = match as unknown as [string, string, string];
      if (parseDocument(line).errors.length === 0 || opensUnclosedCollection(value)) return line;
      return `${key}: ${JSON.stringify(value)}`;
    })
    .join("\n");
}

/** `[Read`, `{a: 1` or `"text` is broken YAML, not text: it stays an error. */
function opensUnclosedCollection(value: string): boolean {
  const opening = value[0];
  if (opening === '"' || opening === "'") return true;
  if (opening !== "[" && opening !== "{") return false;
  const closing = opening === "[" ? "]" : "}";
  return value.split(opening).length > value.split(closing).length;
}

/**
 * Reads only as much of `file` as its frontmatter needs (the whole file when the closing line is missing), so a
 * catalog can list skills without reading their bodies.
 */
export function readFrontmatterHead(file: string, chunkSize = 4096, limit = 256 * 1024): string {
  const descriptor = openSync(file, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.alloc(chunkSize);
      const read = readSync(descriptor, buffer, 0, chunkSize, total);
      if (read === 0) break;
      chunks.push(buffer.subarray(0, read));
      total += read;
      const text = Buffer.concat(chunks).toString("utf8");
      const opening = OPENING.exec(text);
      if (opening === null) return text;
      if (CLOSED_LINE.test(text.slice(opening[0].length))) return text;
      if (total >= limit) return text;
    }
    return Buffer.concat(chunks).toString("utf8");
  } finally {
    closeSync(descriptor);
  }
}
