import { createHash } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { dirname, join, parse, relative, resolve } from "node:path";
import { PromptError } from "./prompt-error.js";

/** File names looked for in every directory, in this order. */
export const INSTRUCTION_FILE_NAMES: readonly string[] = [
  "AXION.md",
  "AXION.local.md",
  "AGENTS.md",
  "CLAUDE.md",
  "CLAUDE.local.md",
  ".axion/AXION.md",
  ".axion/instructions.md",
  ".claude/CLAUDE.md",
];

/** Characters of one instruction file kept in the prompt. */
export const INSTRUCTION_FILE_LIMIT = 4_000;
/** Characters of all instruction files together kept in the prompt. */
export const INSTRUCTION_TOTAL_LIMIT = 12_000;
export const TRUNCATED_MARKER = "[truncated]";

export interface InstructionFile {
  /** Absolute path of the file. */
  path: string;
  /** The directory whose instructions these are. */
  scope: string;
  /** The path relative to `scope` (`AGENTS.md`, `.axion/AXION.md`). */
  name: string;
  content: string;
}

export interface DiscoverInstructionOptions {
  /** The user's home; its files (`~/.axion/AXION.md`, `~/.claude/CLAUDE.md`, …) come first. */
  home?: string | undefined;
}

/** Directories from the filesystem root down to `cwd`, root first. */
function directoriesDownTo(cwd: string): string[] {
  const directories: string[] = [];
  let current = resolve(cwd);
  const root = parse(current).root;
  for (;;) {
    directories.push(current);
    if (current === root) break;
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return directories.reverse();
}

/** Blank lines collapsed, trailing spaces and line-ending differences removed, trimmed. */
export function normaliseInstructionText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/\s+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function readIfFile(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
    throw new PromptError(`${path}: cannot read instruction file (${(error as Error).message})`, "instruction_file_unreadable");
  }
}

/**
 * Finds the instruction files that apply to `cwd`: the home directory's first (when
 * the home is not on the way to `cwd`), then every directory from the
 * filesystem root down to `cwd`, each checking `INSTRUCTION_FILE_NAMES` in order. A file seen before (same real
 * path, or the same text once whitespace is normalised) is left out, as is an empty one. An existing file that
 * cannot be read is an error naming it.
 */
export function discoverInstructionFiles(cwd: string, options: DiscoverInstructionOptions = {}): InstructionFile[] {
  const directories = directoriesDownTo(cwd);
  if (options.home !== undefined) {
    const home = resolve(options.home);
    if (!directories.includes(home)) directories.unshift(home);
  }
  const seenPaths = new Set<string>();
  const seenContent = new Set<string>();
  const files: InstructionFile[] = [];
  for (const directory of directories) {
    for (const name of INSTRUCTION_FILE_NAMES) {
      const path = join(directory, name);
      const content = readIfFile(path);
      if (content === undefined) continue;
      let real = path;
      try {
        real = realpathSync(path);
      } catch {
        // keep the plain path
      }
      if (seenPaths.has(real)) continue;
      seenPaths.add(real);
      const normalised = normaliseInstructionText(content);
      if (normalised === "") continue;
      const hash = createHash("sha256").update(normalised).digest("hex");
      if (seenContent.has(hash)) continue;
      seenContent.add(hash);
      files.push({ path, scope: directory, name: relative(directory, path), content: normalised });
    }
  }
  return files;
}

/**
 * The `# Project instructions` section: each file under `## <name> (scope: <dir>)`, cut at 4 000 characters each and
 * 12 000 in total with a `[truncated]` marker; files past the total are named in a closing marker line.
 */
export function renderInstructionFiles(files: readonly InstructionFile[]): string | undefined {
  if (files.length === 0) return undefined;
  const parts = ["# Project instructions", "Instructions from the user and the project. Follow them; the more specific (deeper) file wins when two disagree."];
  let remaining = INSTRUCTION_TOTAL_LIMIT;
  for (const [index, file] of files.entries()) {
    if (remaining <= 0) {
      const omitted = files.slice(index).map((other) => other.path);
      parts.push(`${TRUNCATED_MARKER} ${omitted.length} more instruction file(s) left out: ${omitted.join(", ")}`);
      break;
    }
    const limit = Math.min(INSTRUCTION_FILE_LIMIT, remaining);
    const text = file.content.length > limit ? `${file.content.slice(0, limit)}\n${TRUNCATED_MARKER}` : file.content;
    remaining -= Math.min(file.content.length, limit);
    parts.push(`## ${file.name} (scope: ${file.scope})\n${text}`);
  }
  return parts.join("\n\n");
}
