import { isAbsolute, join, sep } from "node:path";
import { z } from "zod";
import type { ToolContext } from "@axion/runtime";
import { ToolError } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { deniedPaths, hiddenNotice } from "./denied-path-filter.js";
import { displayPath, relativeToRoot } from "./display-path.js";
import { outputLines, runRipgrep } from "./ripgrep.js";

export const GLOB_MAX_RESULTS = 100;

export const globTool = defineTool({
  name: "Glob",
  description: [
    "Finds files by glob pattern (e.g. `**/*.ts`, `src/**/*.test.ts`), newest first.",
    "",
    "- The pattern is matched below path (default: the workspace root); a pattern without `/` matches file names at any depth.",
    "- Files ignored by .gitignore are skipped, and so are hidden files unless the pattern names them (e.g. `.github/**`), and files the permission rules deny.",
    `- At most ${GLOB_MAX_RESULTS} paths are listed, relative to the workspace root.`,
  ].join("\n"),
  inputSchema: z.object({
    pattern: z.string().min(1).describe("Glob pattern to match file paths against"),
    path: z.string().optional().describe("Directory to search in (default: the workspace root)"),
  }),
  requiredPermission: "read-only",
  permissionSubject: (input) => input.path ?? ".",
  touchedPaths: (input) => [{ path: input.path ?? splitAbsolutePattern(input.pattern).base ?? ".", access: "read" }],
  async execute(input, context) {
    let pattern = input.pattern;
    let path = input.path ?? ".";
    const split = splitAbsolutePattern(pattern);
    if (split.base !== undefined) {
      if (input.path !== undefined) throw new ToolError("pattern is absolute; give either an absolute pattern or a path, not both", "glob_absolute_pattern");
      path = split.base;
      pattern = split.rest;
    }
    pattern = pattern.replace(/^(\.\/)+/, "");
    const directory = await searchDirectory(context, path);
    const args = ["--files", "--sortr", "modified", "--no-require-git", "--glob", pattern];
    if (namesHiddenEntry(pattern)) args.push("--hidden", "--glob", "!.git");
    const result = await runRipgrep(context, args, directory);
    const root = await context.fs.resolve(".", "read");
    const found = outputLines(result.stdout).map((file) => join(directory, file));
    const denied = await deniedPaths(context, "Glob", found);
    const files = found.filter((file) => !denied.has(file)).map((file) => relativeToRoot(root, file));
    const hidden = hiddenNotice(found.length - files.length);
    if (files.length === 0) return `No files found matching ${input.pattern}${hidden === "" ? "" : ` ${hidden}`}`;
    const shown = files.slice(0, GLOB_MAX_RESULTS);
    if (files.length > GLOB_MAX_RESULTS) {
      shown.push(`(truncated: showing ${GLOB_MAX_RESULTS} of ${files.length} files; use a more specific pattern or path)`);
    }
    if (hidden !== "") shown.push(hidden);
    return shown.join("\n");
  },
});

/** The real directory to search; a `ToolError` when it is missing or a file. */
export async function searchDirectory(context: ToolContext, path: string): Promise<string> {
  const info = await context.fs.stat(path);
  const shown = displayPath(context, path);
  if (info === undefined) throw new ToolError(`Directory not found: ${shown}`, "directory_not_found");
  if (!info.isDirectory) throw new ToolError(`${shown} is not a directory`, "not_a_directory");
  return context.fs.resolve(path, "read");
}

/** `/abs/dir/**\/*.ts` → base `/abs/dir`, rest `**\/*.ts`; base is undefined for relative patterns. */
export function splitAbsolutePattern(pattern: string): { base: string | undefined; rest: string } {
  if (!isAbsolute(pattern)) return { base: undefined, rest: pattern };
  const segments = pattern.split(sep);
  const firstGlob = segments.findIndex((segment) => /[*?[\]{}]/.test(segment));
  if (firstGlob === -1) {
    return { base: segments.slice(0, -1).join(sep) || sep, rest: segments.at(-1) ?? "" };
  }
  return { base: segments.slice(0, firstGlob).join(sep) || sep, rest: segments.slice(firstGlob).join(sep) };
}

/** True when a segment of the pattern starts with a dot (`.github/**`, `**\/.env`). */
export function namesHiddenEntry(pattern: string): boolean {
  return pattern.split("/").some((segment) => segment.startsWith(".") && segment !== "." && segment !== "..");
}
