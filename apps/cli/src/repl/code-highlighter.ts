import type { TerminalStyle } from "./terminal-style.js";

interface LanguageRules {
  keywords: ReadonlySet<string>;
  /** Line comment starters. */
  comments: readonly string[];
}

const words = (text: string): ReadonlySet<string> => new Set(text.split(/\s+/).filter((word) => word !== ""));

const C_LIKE_COMMENTS = ["//"];
const HASH_COMMENTS = ["#"];

const JAVASCRIPT = words(`
  async await break case catch class const continue debugger default delete do else enum export extends false finally
  for from function if implements import in instanceof interface let new null of private protected public readonly
  return satisfies static super switch this throw true try type typeof undefined var void while yield as keyof declare`);
const PYTHON = words(`
  and as assert async await break class continue def del elif else except False finally for from global if import in is
  lambda None nonlocal not or pass raise return True try while with yield self match case`);
const RUST = words(`
  as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move mut pub
  ref return self Self static struct super trait true type unsafe use where while Some None Ok Err`);
const GO = words(`
  break case chan const continue default defer else fallthrough for func go goto if import interface map package range
  return select struct switch type var nil true false`);
const SHELL = words(`
  if then else elif fi case esac for while until do done in function return local export set unset echo exit cd`);
const C_FAMILY = words(`
  auto bool break case catch char class const continue default delete do double else enum extern false float for goto if
  inline int long namespace new nullptr private protected public return short signed sizeof static struct switch template
  this throw true try typedef union unsigned using virtual void volatile while final override abstract boolean byte
  extends implements import instanceof interface package super synchronized throws null string var fun val when`);
const SQL = words(`
  select from where insert into values update set delete create table drop alter add join left right inner outer on group
  by order having limit offset and or not null as distinct union all index primary key references default
  SELECT FROM WHERE INSERT INTO VALUES UPDATE SET DELETE CREATE TABLE DROP ALTER ADD JOIN LEFT RIGHT INNER OUTER ON GROUP
  BY ORDER HAVING LIMIT OFFSET AND OR NOT NULL AS DISTINCT UNION ALL INDEX PRIMARY KEY REFERENCES DEFAULT`);

const LANGUAGES: Readonly<Record<string, LanguageRules>> = {
  javascript: { keywords: JAVASCRIPT, comments: C_LIKE_COMMENTS },
  python: { keywords: PYTHON, comments: HASH_COMMENTS },
  rust: { keywords: RUST, comments: C_LIKE_COMMENTS },
  go: { keywords: GO, comments: C_LIKE_COMMENTS },
  shell: { keywords: SHELL, comments: HASH_COMMENTS },
  c: { keywords: C_FAMILY, comments: C_LIKE_COMMENTS },
  sql: { keywords: SQL, comments: ["--"] },
  config: { keywords: words("true false null yes no on off"), comments: HASH_COMMENTS },
};

const ALIASES: Readonly<Record<string, string>> = {
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  ts: "javascript",
  tsx: "javascript",
  typescript: "javascript",
  javascript: "javascript",
  json: "config",
  jsonc: "config",
  yaml: "config",
  yml: "config",
  toml: "config",
  ini: "config",
  py: "python",
  python: "python",
  rs: "rust",
  rust: "rust",
  go: "go",
  golang: "go",
  sh: "shell",
  bash: "shell",
  zsh: "shell",
  shell: "shell",
  console: "shell",
  c: "c",
  h: "c",
  cpp: "c",
  "c++": "c",
  cc: "c",
  hpp: "c",
  java: "c",
  kotlin: "c",
  kt: "c",
  cs: "c",
  csharp: "c",
  swift: "c",
  sql: "sql",
};

/** The highlighting rules for a fence language tag (`ts`, `python`, …); undefined for unknown tags. */
function rulesFor(language: string): LanguageRules | undefined {
  const name = ALIASES[language.trim().toLowerCase()];
  return name === undefined ? undefined : LANGUAGES[name];
}

const TOKEN = /("(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|`(?:[^`\\]|\\.)*`?)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b|\b0x[0-9a-f]+\b)|([A-Za-z_$][\w$]*)/gi;

/**
 * Colours one line of code: keywords, strings, numbers and line comments. Line by line on purpose, so a code
 * fence can be printed as its lines arrive; a block comment spanning lines is not tracked.
 */
export function highlightCodeLine(line: string, language: string, style: TerminalStyle): string {
  if (!style.enabled) return line;
  const rules = rulesFor(language);
  if (rules === undefined) return style.cyan(line);
  let code = line;
  let comment = "";
  const commentAt = findComment(line, rules.comments);
  if (commentAt !== -1) {
    code = line.slice(0, commentAt);
    comment = line.slice(commentAt);
  }
  const highlighted = code.replace(TOKEN, (match, text: string | undefined, number: string | undefined, word: string | undefined) => {
    if (text !== undefined) return style.green(match);
    if (number !== undefined) return style.yellow(match);
    if (word !== undefined && rules.keywords.has(word)) return style.magenta(match);
    return match;
  });
  return comment === "" ? highlighted : highlighted + style.gray(comment);
}

/** The index where a line comment starts outside a string, or -1. */
function findComment(line: string, starters: readonly string[]): number {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index]!;
    if (quote !== undefined) {
      if (character === "\\") index += 1;
      else if (character === quote) quote = undefined;
      continue;
    }
    if (character === '"' || character === "'" || character === "`") {
      quote = character;
      continue;
    }
    for (const starter of starters) {
      if (!line.startsWith(starter, index)) continue;
      // `#` starts a comment only at the start of a word (not in `a#b` or `$#`)
      if (starter === "#" && index > 0 && !/\s/.test(line[index - 1]!)) continue;
      // `//` inside a URL such as http://x is not a comment
      if (starter === "//" && index > 0 && line[index - 1] === ":") continue;
      return index;
    }
  }
  return -1;
}
