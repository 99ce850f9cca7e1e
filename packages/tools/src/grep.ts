import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import { ToolError } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { deniedPaths, hiddenNotice } from "./denied-path-filter.js";
import { displayPath, relativeToRoot } from "./display-path.js";
import { outputLines, runRipgrep } from "./ripgrep.js";

export const GREP_DEFAULT_HEAD_LIMIT = 250;
/** Longest pattern accepted, in bytes: the whole rg command line must fit in one 128 KiB argument of `bash -c`. */
export const GREP_MAX_PATTERN_BYTES = 32_768;

type GrepMode = "files_with_matches" | "content" | "count";

/** One entry of rg's output: the file it belongs to (none for a `--` separator), the line shown, and whether it is a match. */
interface GrepEntry {
  path: string | undefined;
  line: string;
  match: boolean;
}

export const grepTool = defineTool({
  name: "Grep",
  description: [
    "Searches file contents with a regular expression (ripgrep syntax).",
    "",
    "- output_mode: files_with_matches (default: matching files, newest first), content (matching lines), count (`<path>:<count>` per file).",
    "- Narrow with path, glob (e.g. `*.ts`, `src/**/*.{js,jsx}`; relative to the workspace root) or type (rg types: js, py, rust, …).",
    "- Files ignored by .gitignore and hidden files are skipped, and so are files the permission rules deny.",
    "- `-A`/`-B`/`-C` add context lines and `-n` line numbers (content mode); multiline lets `.` and patterns span lines.",
    `- head_limit keeps the first N entries (default ${GREP_DEFAULT_HEAD_LIMIT}, 0 = all) after skipping offset entries.`,
  ].join("\n"),
  inputSchema: z.object({
    pattern: z.string().min(1).describe("Regular expression to search for"),
    path: z.string().optional().describe("File or directory to search (default: the workspace root)"),
    glob: z.string().optional().describe("Only search files matching this glob; several may be separated by spaces"),
    type: z.string().optional().describe("Only search files of this ripgrep type (js, py, rust, go, …)"),
    output_mode: z
      .enum(["files_with_matches", "content", "count"])
      .optional()
      .describe("What to return: files_with_matches (default), content or count"),
    "-i": z.boolean().optional().describe("Case-insensitive search"),
    "-n": z.boolean().optional().describe("Show line numbers in content mode (default true)"),
    "-A": z.number().int().nonnegative().optional().describe("Lines of context after each match (content mode)"),
    "-B": z.number().int().nonnegative().optional().describe("Lines of context before each match (content mode)"),
    "-C": z.number().int().nonnegative().optional().describe("Lines of context before and after each match (content mode)"),
    head_limit: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe(`Keep only the first N lines or entries (default ${GREP_DEFAULT_HEAD_LIMIT}; 0 keeps all)`),
    offset: z.number().int().nonnegative().optional().describe("Skip the first N lines or entries before head_limit applies"),
    multiline: z.boolean().optional().describe("Let the pattern span lines (`.` also matches newlines)"),
  }),
  requiredPermission: "read-only",
  permissionSubject: (input) => input.path ?? ".",
  touchedPaths: (input) => [{ path: input.path ?? ".", access: "read" }],
  async execute(input, context) {
    const mode = input.output_mode ?? "files_with_matches";
    const patternBytes = Buffer.byteLength(input.pattern);
    if (patternBytes > GREP_MAX_PATTERN_BYTES) {
      throw new ToolError(`pattern is too long (${patternBytes} bytes; at most ${GREP_MAX_PATTERN_BYTES})`, "pattern_too_long");
    }
    const root = await context.fs.resolve(".", "read");
    let target: string | undefined;
    if (input.path !== undefined) {
      const info = await context.fs.stat(input.path);
      if (info === undefined) throw new ToolError(`Path not found: ${displayPath(context, input.path)}`, "path_not_found");
      const absolute = await context.fs.resolve(input.path, "read");
      const relative = relativeToRoot(root, absolute);
      target = relative === "." ? undefined : relative;
    }

    // --null ends every file name with a NUL byte, so names holding `:` or newlines split exactly.
    const args: string[] = ["--no-require-git", "--with-filename", "--null"];
    if (input["-i"] === true) args.push("--ignore-case");
    if (input.multiline === true) args.push("--multiline", "--multiline-dotall");
    if (input.type !== undefined) args.push("--type", input.type);
    for (const glob of splitGlobs(input.glob)) args.push("--glob", glob);
    if (mode === "files_with_matches") {
      // unsorted so ripgrep searches in parallel; ordered newest first below
      args.push("--files-with-matches");
    } else if (mode === "count") {
      args.push("--count");
    } else {
      // line numbers always: with --null they are what tells a match (`:`) from a context line (`-`)
      args.push("--no-heading", "--sort", "path", "--max-columns", "500", "--max-columns-preview", "--line-number");
      if (input["-C"] !== undefined) args.push("--context", String(input["-C"]));
      if (input["-A"] !== undefined) args.push("--after-context", String(input["-A"]));
      if (input["-B"] !== undefined) args.push("--before-context", String(input["-B"]));
    }
    args.push("--regexp", input.pattern);
    if (target !== undefined) args.push("--", target);

    const result = await runRipgrep(context, args, root, mode === "files_with_matches" ? "\0" : "\n");
    let entries = parseOutput(result.stdout, mode, input["-n"] !== false);
    const denied = await deniedPaths(
      context,
      "Grep",
      entries.flatMap((entry) => (entry.path === undefined ? [] : [resolve(root, entry.path)])),
    );
    const hidden = entries.filter((entry) => entry.match && entry.path !== undefined && denied.has(resolve(root, entry.path))).length;
    if (denied.size > 0) entries = withoutSeparatorRuns(entries.filter((entry) => entry.path === undefined || !denied.has(resolve(root, entry.path))));
    let lines = entries.map((entry) => entry.line);
    if (mode === "files_with_matches") lines = await newestFirst(lines, root);
    else if (mode === "count") lines = sortByPath(lines);
    const hiddenLine = hiddenNotice(hidden);
    const cut = result.cutBytes > 0;
    const cutLine = cut
      ? `(ripgrep's output was cut after ${result.keptBytes} bytes; ${result.cutBytes} more bytes were not read, so more matches exist than listed here: narrow the search with path, glob, type or the pattern)`
      : "";
    if (lines.length === 0) {
      if (cut) return cutLine;
      return hiddenLine === "" ? "No matches found" : `No matches found ${hiddenLine}`;
    }

    const offset = input.offset ?? 0;
    const headLimit = input.head_limit ?? GREP_DEFAULT_HEAD_LIMIT;
    const page = lines.slice(offset, headLimit === 0 ? undefined : offset + headLimit);
    const more = lines.length - offset - page.length;
    const unit = mode === "content" ? "lines" : "entries";
    const notice =
      more > 0 ? `\n(${more} more ${unit}${cut ? " read before the cut" : ""}; raise head_limit or offset to see them)` : "";
    const suffix = `${cut ? `\n${cutLine}` : ""}${hiddenLine === "" ? "" : `\n${hiddenLine}`}`;
    const total = `${lines.length}${cut ? " read" : ""} in total`;
    if (page.length === 0) return `No entries after offset ${offset} (${total})${suffix}`;
    if (mode === "files_with_matches") {
      const found = `Found ${cut ? "at least " : ""}${lines.length} file${lines.length === 1 ? "" : "s"}`;
      return `${found}\n${page.join("\n")}${notice}${suffix}`;
    }
    return `${page.join("\n")}${notice}${suffix}`;
  },
});

/**
 * rg's `--null` output as entries: `path NUL` per file (files_with_matches), `path NUL count` lines (count),
 * `path NUL line-number (: or -) text` lines and `--` separators (content), shown as rg shows them without
 * `--null` (the line number left out when `lineNumbers` is false). `stdout` holds complete records only.
 */
function parseOutput(stdout: string, mode: GrepMode, lineNumbers: boolean): GrepEntry[] {
  if (mode === "files_with_matches") {
    const paths = stdout.split("\0");
    paths.pop(); // the empty rest after the last NUL
    return paths.map((path) => ({ path, line: path, match: true }));
  }
  const lines = outputLines(stdout);
  return lines.map((line): GrepEntry => {
    const nul = line.indexOf("\0");
    if (nul === -1) return { path: undefined, line, match: false };
    const path = line.slice(0, nul);
    const rest = line.slice(nul + 1);
    if (mode === "count") return { path, line: `${path}:${rest}`, match: true };
    const numbered = /^(\d+)([:-])/.exec(rest);
    if (numbered === null) return { path, line: `${path}:${rest}`, match: true };
    const [prefix, number, separator] = numbered as unknown as [string, string, string];
    const text = rest.slice(prefix.length);
    return {
      path,
      line: lineNumbers ? `${path}${separator}${number}${separator}${text}` : `${path}${separator}${text}`,
      match: separator === ":",
    };
  });
}

/** Entries without leading, trailing or repeated `--` separators (left behind when files were removed). */
function withoutSeparatorRuns(entries: GrepEntry[]): GrepEntry[] {
  const kept: GrepEntry[] = [];
  for (const entry of entries) {
    if (entry.path === undefined && (kept.length === 0 || kept.at(-1)!.path === undefined)) continue;
    kept.push(entry);
  }
  if (kept.at(-1)?.path === undefined) kept.pop();
  return kept;
}

/** Paths ordered by modification time, newest first (ties by path), as Claude Code lists matches. */
async function newestFirst(paths: string[], root: string): Promise<string[]> {
  const stamped = await Promise.all(
    paths.map(async (path) => ({ path, mtime: await stat(resolve(root, path)).then((info) => info.mtimeMs, () => 0) })),
  );
  return stamped.sort((left, right) => right.mtime - left.mtime || left.path.localeCompare(right.path)).map((entry) => entry.path);
}

/** `path:count` lines ordered by path. */
function sortByPath(lines: string[]): string[] {
  const pathOf = (line: string) => line.slice(0, line.lastIndexOf(":"));
  return [...lines].sort((left, right) => pathOf(left).localeCompare(pathOf(right)));
}

/** `*.ts *.tsx` → two globs; spaces and commas inside braces stay (`*.{ts,tsx}`). */
export function splitGlobs(glob: string | undefined): string[] {
  if (glob === undefined) return [];
  const globs: string[] = [];
  let current = "";
  let depth = 0;
  for (const character of glob) {
    if (character === "{") depth += 1;
    if (character === "}") depth = Math.max(0, depth - 1);
    if (depth === 0 && /\s/.test(character)) {
      if (current !== "") globs.push(current);
      current = "";
    } else {
      current += character;
    }
  }
  if (current !== "") globs.push(current);
  return globs;
}
