import { basename, isAbsolute, relative, resolve } from "node:path";
import { shellWords, splitShellCommand } from "./shell-command.js";

/** A command the built-in guard stops for explicit approval. */
export interface GuardMatch {
  /** The guarded operation: `git reset --hard`, `git clean -f`, `git push --force` or `rm -rf`. */
  guard: string;
  /** What it would do, for the prompt and denial reasons, e.g. `rm -rf of the home directory`. */
  description: string;
  /** The simple command that matched. */
  command: string;
}

/** Words that run the command after them (`sudo rm …`, `env X=1 git …`). */
const WRAPPERS = new Set(["sudo", "doas", "command", "builtin", "exec", "nohup", "time", "env", "nice", "xargs"]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The words of the command actually run: leading assignments and wrappers (with their options) removed. */
function effectiveWords(segment: string): string[] {
  const words = shellWords(segment);
  let index = 0;
  while (index < words.length) {
    const word = words[index] ?? "";
    if (ASSIGNMENT.test(word)) index += 1;
    else if (WRAPPERS.has(basename(word))) {
      index += 1;
      while (index < words.length && (words[index] ?? "").startsWith("-")) index += 1;
    } else break;
  }
  const rest = words.slice(index);
  const [first] = rest;
  if (first !== undefined) rest[0] = basename(first.replace(/^\\/, ""));
  return rest;
}

/** Git options that take a separate value before the subcommand. */
const GIT_OPTIONS_WITH_VALUE = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path"]);

function gitGuard(words: readonly string[]): string | undefined {
  let index = 1;
  while (index < words.length && (words[index] ?? "").startsWith("-")) {
    index += GIT_OPTIONS_WITH_VALUE.has(words[index] ?? "") ? 2 : 1;
  }
  const subcommand = words[index];
  const args = words.slice(index + 1);
  const shortCluster = (flag: string) => args.some((arg) => /^-[A-Za-z]+$/.test(arg) && arg.includes(flag));
  if (subcommand === "reset" && args.includes("--hard")) return "git reset --hard";
  if (subcommand === "clean" && (args.includes("--force") || shortCluster("f"))) return "git clean -f";
  if (subcommand === "push") {
    const forced =
      shortCluster("f") ||
      args.some((arg) => arg === "--force" || arg.startsWith("--force-with-lease") || arg === "--force-if-includes") ||
      args.some((arg) => arg.startsWith("+") && arg.length > 1);
    if (forced) return "git push --force";
  }
  return undefined;
}

/** Where an `rm` target points once `~`, `$HOME`, `$PWD` and a trailing `/*` are taken into account. */
function rmTargetDirectory(target: string, cwd: string, home: string): string | undefined {
  let path = target
    .replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, home)
    .replace(/^(\$PWD|\$\{PWD\})(?=\/|$)/, cwd)
    .replace(/^~(?=\/|$)/, home);
  if (path.includes("$")) return undefined;
  path = path.replace(/\/\.?\*$/, "/").replace(/^\.?\*$/, ".");
  if (path.includes("*") || path.includes("?")) return undefined;
  return isAbsolute(path) ? resolve(path) : resolve(cwd, path);
}

function rmGuard(words: readonly string[], cwd: string, home: string): string | undefined {
  let recursive = false;
  const targets: string[] = [];
  let optionsEnded = false;
  for (const word of words.slice(1)) {
    if (!optionsEnded && word === "--") optionsEnded = true;
    else if (!optionsEnded && word === "--recursive") recursive = true;
    else if (!optionsEnded && /^-[A-Za-z]+$/.test(word)) recursive ||= /[rR]/.test(word);
    else if (!optionsEnded && word.startsWith("--")) continue;
    else targets.push(word);
  }
  if (!recursive) return undefined;
  for (const target of targets) {
    const directory = rmTargetDirectory(target, cwd, home);
    if (directory === undefined) continue;
    if (directory === "/") return "rm -rf of /";
    if (directory === resolve(home)) return "rm -rf of the home directory";
    const fromTarget = relative(directory, cwd);
    if (fromTarget === "") return "rm -rf of the workspace root";
    if (!fromTarget.startsWith("..") && !isAbsolute(fromTarget)) return "rm -rf of a folder holding the workspace";
  }
  return undefined;
}

/**
 * Finds a destructive command the guard holds for explicit approval: `git reset --hard`, `git clean -f…`,
 * `git push --force…`/`-f`/`+ref`, or a recursive `rm` (any flag order, with or without force) of `/`, the home
 * directory (`~`, `$HOME`), the workspace root or a folder above it. Every command of a compound line is checked,
 * through `sudo`, `env`, leading assignments and `$(…)`.
 */
export function findDangerousCommand(command: string, options: { cwd: string; home: string }): GuardMatch | undefined {
  const cwd = resolve(options.cwd);
  for (const segment of splitShellCommand(command)) {
    const words = effectiveWords(segment);
    const name = words[0];
    if (name === "git") {
      const guard = gitGuard(words);
      if (guard !== undefined) return { guard, description: guard, command: segment };
    } else if (name === "rm") {
      const description = rmGuard(words, cwd, options.home);
      if (description !== undefined) return { guard: "rm -rf", description, command: segment };
    }
  }
  return undefined;
}

