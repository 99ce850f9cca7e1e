import type { SyntaxNode } from "./shell-parser.js";

/** One word of a parsed command: its source text and, when no expansion makes it, its value with quotes removed. */
export interface ShellWord {
  /** The word as written. */
  text: string;
  /** The value after quote and escape removal and `~` expansion; undefined when an expansion (`$X`, `$(…)`, `${…}`, `{a,b}`, `~user`) makes it. */
  value: string | undefined;
  /** True when unquoted glob characters (`*`, `?`, `[`) remain in the value. */
  glob: boolean;
}

interface Piece {
  value: string | undefined;
  glob: boolean;
  /** The unquoted source with escaped and quoted characters blanked out (to spot brace expansion). */
  skeleton: string;
}

const EXPANSIONS = new Set([
  "simple_expansion",
  "expansion",
  "command_substitution",
  "process_substitution",
  "arithmetic_expansion",
  "brace_expression",
]);

function hasExpansion(node: SyntaxNode): boolean {
  if (EXPANSIONS.has(node.type)) return true;
  for (const child of node.namedChildren) if (child !== null && hasExpansion(child)) return true;
  return false;
}

/** An unquoted word: backslash escapes removed, `\<newline>` dropped; glob characters noted unless escaped. */
function unquotedPiece(text: string): Piece {
  let value = "";
  let skeleton = "";
  let glob = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] ?? "";
    if (char === "\\") {
      const next = text[index + 1];
      index += 1;
      if (next === undefined || next === "\n") continue;
      value += next;
      skeleton += "_";
      continue;
    }
    // `[` is a pattern only with a `]` after it (`[ -f x ]` runs the command `[`)
    if (char === "*" || char === "?" || (char === "[" && text.includes("]", index + 1))) glob = true;
    value += char;
    skeleton += char;
  }
  return { value, glob, skeleton };
}

/** The inside of a double-quoted string: only `\"`, `\\`, `\$`, `` \` `` and `\<newline>` are escapes. */
function doubleQuoted(inner: string): string {
  let value = "";
  for (let index = 0; index < inner.length; index += 1) {
    const char = inner[index] ?? "";
    const next = inner[index + 1];
    if (char === "\\" && next !== undefined && '"\\$`\n'.includes(next)) {
      if (next !== "\n") value += next;
      index += 1;
      continue;
    }
    value += char;
  }
  return value;
}

const ANSI_SIMPLE: Readonly<Record<string, string>> = {
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?",
};

/** The inside of `$'…'` with its C escapes decoded. */
export function decodeAnsiC(inner: string): string {
  let value = "";
  for (let index = 0; index < inner.length; index += 1) {
    const char = inner[index] ?? "";
    if (char !== "\\") {
      value += char;
      continue;
    }
    const next = inner[index + 1] ?? "";
    index += 1;
    const simple = ANSI_SIMPLE[next];
    if (simple !== undefined) {
      value += simple;
      continue;
    }
    const hex = (max: number): string => {
      let digits = "";
      while (digits.length < max && /[0-9a-fA-F]/.test(inner[index + 1] ?? "")) {
        digits += inner[index + 1];
        index += 1;
      }
      return digits;
    };
    if (/[0-7]/.test(next)) {
      let digits = next;
      while (digits.length < 3 && /[0-7]/.test(inner[index + 1] ?? "")) {
        digits += inner[index + 1];
        index += 1;
      }
      value += String.fromCharCode(Number.parseInt(digits, 8) & 0xff);
    } else if (next === "x") {
      const digits = hex(2);
      value += digits === "" ? "\\x" : String.fromCharCode(Number.parseInt(digits, 16));
    } else if (next === "u" || next === "U") {
      const digits = hex(next === "u" ? 4 : 8);
      value += digits === "" ? `\\${next}` : String.fromCodePoint(Math.min(Number.parseInt(digits, 16), 0x10ffff));
    } else if (next === "c") {
      const control = inner[index + 1] ?? "";
      index += 1;
      value += String.fromCharCode(control.toUpperCase().charCodeAt(0) & 0x1f);
    } else value += `\\${next}`;
  }
  return value;
}

function piece(node: SyntaxNode): Piece {
  switch (node.type) {
    case "word":
      return unquotedPiece(node.text);
    case "number":
      return { value: node.text, glob: false, skeleton: node.text };
    case "raw_string":
      return { value: node.text.slice(1, -1), glob: false, skeleton: "_" };
    case "ansi_c_string":
      return { value: decodeAnsiC(node.text.slice(2, -1)), glob: false, skeleton: "_" };
    case "string":
      return { value: hasExpansion(node) ? undefined : doubleQuoted(node.text.slice(1, -1)), glob: false, skeleton: "_" };
    case "translated_string": {
      const inner = node.namedChildren[0];
      return inner === null || inner === undefined ? { value: "", glob: false, skeleton: "_" } : { ...piece(inner), skeleton: "_" };
    }
    case "concatenation": {
      let value: string | undefined = "";
      let glob = false;
      let skeleton = "";
      for (const child of node.children) {
        if (child === null) continue;
        const part = piece(child);
        value = value === undefined || part.value === undefined ? undefined : value + part.value;
        glob ||= part.glob;
        skeleton += part.skeleton;
      }
      return { value, glob, skeleton };
    }
    default:
      return { value: undefined, glob: false, skeleton: "_" };
  }
}

const BRACE_EXPANSION = /\{[^{}]*(,|\.\.)[^{}]*\}/;

/**
 * The static value of a word node: quotes and escapes removed (`"rm"`, `r''m`, `\rm` are all `rm`), `$'…'`
 * decoded, a leading `~` or `~/` expanded to `home` (`~+` to `cwd`). Anything an expansion makes has no value.
 */
export function shellWordOf(node: SyntaxNode, context: { home: string; cwd: string | undefined }): ShellWord {
  const text = node.text;
  const result = piece(node);
  let value = result.value;
  if (value !== undefined && BRACE_EXPANSION.test(result.skeleton)) value = undefined;
  const first = node.type === "concatenation" ? node.children[0] : node;
  if (value !== undefined && first?.type === "word" && first.text.startsWith("~")) {
    const isWhole = first === node;
    const slash = first.text.indexOf("/");
    if (slash !== -1 || isWhole) {
      const prefix = slash === -1 ? first.text : first.text.slice(0, slash);
      const rest = value.slice(prefix.length);
      if (prefix === "~") value = context.home + rest;
      else if (prefix === "~+" && context.cwd !== undefined) value = context.cwd + rest;
      else value = undefined;
    }
  }
  return { text, value, glob: result.glob };
}

/** A word made from a known string (for words that come from a script text rather than a node). */
export function literalWord(value: string): ShellWord {
  return { text: value, value, glob: false };
}

/** Quotes a value for a shell so that it reads back as one word with that value. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
