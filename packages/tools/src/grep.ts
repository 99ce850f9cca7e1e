import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { z } from "zod";
import { ToolError } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { displayPath, relativeToRoot } from "./display-path.js";
import { outputLines, runRipgrep } from "./ripgrep.js";

export const GREP_DEFAULT_HEAD_LIMIT = 250;

export const grepTool = defineTool({
  name: "Grep",
  description: [
    "Searches file contents with a regular expression (ripgrep syntax).",
    "",
    "- output_mode: files_with_matches (default: matching files, newest first), content (matching lines), count (`<path>:<count>` per file).",
    "- Narrow with path, glob (e.g. `*.ts`, `src/**/*.{js,jsx}`; relative to the workspace root) or type (rg types: js, py, rust, …).",
    "- Files ignored by .gitignore and hidden files are skipped.",
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
    const root = await context.fs.resolve(".", "read");
    let target: string | undefined;
    if (input.path !== undefined) {
      const info = await context.fs.stat(input.path);
      if (info === undefined) throw new ToolError(`Path not found: ${displayPath(context, input.path)}`, "path_not_found");
      const absolute = await context.fs.resolve(input.path, "read");
      const relative = relativeToRoot(root, absolute);
      target = relative === "." ? undefined : relative;
    }

    const args: string[] = ["--no-require-git", "--with-filename"];
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
      args.push("--no-heading", "--sort", "path", "--max-columns", "500", "--max-columns-preview");
      if (input["-n"] !== false) args.push("--line-number");
      if (input["-C"] !== undefined) args.push("--context", String(input["-C"]));
      if (input["-A"] !== undefined) args.push("--after-context", String(input["-A"]));
      if (input["-B"] !== undefined) args.push("--before-context", String(input["-B"]));
    }
    args.push("--regexp", input.pattern);
    if (target !== undefined) args.push("--", target);

    const result = await runRipgrep(context, args, root);
    let lines = outputLines(result.stdout);
    if (mode === "files_with_matches") lines = await newestFirst(lines, root);
    else if (mode === "count") lines = sortByPath(lines);
    if (lines.length === 0) return "No matches found";

    const offset = input.offset ?? 0;
    const headLimit = input.head_limit ?? GREP_DEFAULT_HEAD_LIMIT;
    const page = lines.slice(offset, headLimit === 0 ? undefined : offset + headLimit);
    const more = lines.length - offset - page.length;
    const notice =
      more > 0 ? `\n(${more} more ${mode === "content" ? "lines" : "entries"}; raise head_limit or offset to see them)` : "";
    if (page.length === 0) return `No entries after offset ${offset} (${lines.length} in total)`;
    if (mode === "files_with_matches") {
      return `Found ${lines.length} file${lines.length === 1 ? "" : "s"}\n${page.join("\n")}${notice}`;
    }
    return `${page.join("\n")}${notice}`;
  },
});

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
