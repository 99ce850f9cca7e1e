import { realpathSync } from "node:fs";
import { basename, isAbsolute, relative, resolve, sep } from "node:path";
import type { ShellAnalysis, ShellCommand } from "./shell-analysis.js";
import type { ShellWord } from "./shell-words.js";

/** A command the built-in guard stops for explicit approval. */
export interface GuardMatch {
  /** The guarded operation: `git reset --hard`, `git clean -f`, `git push --force`, `rm -rf`, `find -delete`… */
  guard: string;
  /** What it would do, for the prompt and denial reasons, e.g. `rm -rf of the home directory`. */
  description: string;
  /** The simple command that matched, as written. */
  command: string;
}

interface GuardOptions {
  /** The workspace root. */
  cwd: string;
  home: string;
}

/** Git options before the subcommand that take the next word as their value. */
const GIT_GLOBAL_VALUED = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env", "--super-prefix", "--attr-source"]);

function valueOf(word: ShellWord | undefined): string | undefined {
  return word?.value;
}

/** `--name` (or `--name=…`) is `option` or an abbreviation of it at least `minimum` letters long (git and GNU accept unambiguous prefixes). */
function isLong(word: ShellWord, options: readonly string[], minimum = 1): boolean {
  const value = word.value;
  if (value === undefined || !value.startsWith("--")) return false;
  const equals = value.indexOf("=");
  const name = equals === -1 ? value.slice(2) : value.slice(2, equals);
  return name.length >= minimum && options.some((option) => option.startsWith(name));
}

/** Whether a short-option cluster (`-fdx`) holds `letter`, stopping at a letter that takes the rest as its value. */
function inCluster(word: ShellWord, letter: string, valued = ""): boolean {
  const value = word.value;
  if (value === undefined || !/^-[^-]/.test(value)) return false;
  for (const char of value.slice(1)) {
    if (char === letter) return true;
    if (valued.includes(char)) return false;
  }
  return false;
}

function optionsBeforeDashes(args: readonly ShellWord[]): ShellWord[] {
  const end = args.findIndex((word) => word.value === "--");
  return end === -1 ? [...args] : args.slice(0, end);
}

function operandsOf(args: readonly ShellWord[]): ShellWord[] {
  const end = args.findIndex((word) => word.value === "--");
  const before = (end === -1 ? args : args.slice(0, end)).filter((word) => !(word.value?.startsWith("-") ?? false));
  return end === -1 ? before : [...before, ...args.slice(end + 1)];
}

/** An old enough `--prune=<date>` keeps what git keeps by default (two weeks); anything more recent is guarded. */
function pruneIsRecent(value: string): boolean {
  if (value === "never") return false;
  const match = /^(\d+)\.(day|week|month|year)s?\.ago$/.exec(value);
  if (match === null) return true;
  const amount = Number(match[1]);
  const days = match[2] === "day" ? amount : match[2] === "week" ? amount * 7 : match[2] === "month" ? amount * 30 : amount * 365;
  return days < 14;
}

interface GitGuard {
  guard: string;
  description: string;
}

function gitSubcommandGuard(subcommand: string, args: readonly ShellWord[]): GitGuard | undefined {
  const options = optionsBeforeDashes(args);
  const dynamic = args.find((word) => word.value === undefined);
  const guarded = (guard: string, description = guard): GitGuard => ({ guard, description });
  switch (subcommand) {
    case "reset":
      if (options.some((word) => isLong(word, ["hard"]))) return guarded("git reset --hard", "git reset --hard (discards uncommitted changes)");
      break;
    case "clean":
      if (options.some((word) => inCluster(word, "f", "e") || isLong(word, ["force"]))) return guarded("git clean -f", "git clean -f (deletes untracked files)");
      break;
    case "push":
      if (
        options.some((word) => inCluster(word, "f", "o") || isLong(word, ["force", "force-with-lease", "force-if-includes"])) ||
        operandsOf(args).some((word) => (word.value ?? "").startsWith("+") && (word.value ?? "").length > 1)
      ) {
        return guarded("git push --force", "git push --force (rewrites the remote history)");
      }
      break;
    case "checkout": {
      const dashes = args.findIndex((word) => word.value === "--");
      const force = options.some((word) => inCluster(word, "f", "bBU") || isLong(word, ["force"], 2));
      const everything = operandsOf(args).some((word) => [".", "./", ":/", "*"].includes(word.value ?? ""));
      if (force || everything || (dashes !== -1 && dashes < args.length - 1)) {
        return guarded("git checkout -- <paths>", "git checkout of paths (discards uncommitted changes)");
      }
      break;
    }
    case "restore": {
      const staged = options.some((word) => inCluster(word, "S", "s") || isLong(word, ["staged"], 3));
      const worktree = options.some((word) => inCluster(word, "W", "s") || isLong(word, ["worktree"]));
      if (!staged || worktree) return guarded("git restore", "git restore of the working tree (discards uncommitted changes)");
      break;
    }
    case "stash": {
      const action = operandsOf(args)[0]?.value;
      if (action === "drop" || action === "clear") return guarded(`git stash ${action}`, `git stash ${action} (deletes stashed changes)`);
      break;
    }
    case "branch": {
      const upperD = options.some((word) => inCluster(word, "D", "u"));
      const del = options.some((word) => inCluster(word, "d", "u") || isLong(word, ["delete"], 3));
      const force = options.some((word) => inCluster(word, "f", "u") || isLong(word, ["force"], 3));
      if (upperD || (del && force)) return guarded("git branch -D", "git branch -D (deletes a branch with unmerged work)");
      break;
    }
    case "reflog": {
      const action = operandsOf(args)[0]?.value;
      if (action === "expire" || action === "delete") return guarded(`git reflog ${action}`, `git reflog ${action} (drops the record used to recover lost commits)`);
      break;
    }
    case "gc":
      for (const word of options) {
        const value = word.value ?? "";
        if (isLong(word, ["prune"], 2) && value.includes("=") && pruneIsRecent(value.slice(value.indexOf("=") + 1))) {
          return guarded("git gc --prune=now", "git gc --prune (deletes unreachable commits now)");
        }
      }
      break;
    case "update-ref":
      if (options.some((word) => inCluster(word, "d"))) return guarded("git update-ref -d", "git update-ref -d (deletes a ref)");
      break;
    default:
      return undefined;
  }
  if (dynamic !== undefined) return guarded(`git ${subcommand}`, `git ${subcommand} with an argument made by an expansion (${dynamic.text})`);
  return undefined;
}

function gitGuard(words: readonly ShellWord[]): GitGuard | undefined {
  let index = 1;
  while (index < words.length) {
    const value = valueOf(words[index]);
    if (value === undefined || !value.startsWith("-")) break;
    index += GIT_GLOBAL_VALUED.has(value) ? 2 : 1;
  }
  const subcommandWord = words[index];
  if (subcommandWord === undefined) return undefined;
  if (subcommandWord.value === undefined) {
    return { guard: "git", description: `git with a subcommand made by an expansion (${subcommandWord.text})` };
  }
  return gitSubcommandGuard(subcommandWord.value, words.slice(index + 1));
}

function isInsideOrEqual(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * The directory a recursive delete of `word` removes (or empties: `dir/*` empties `dir`), or undefined when it
 * cannot be known statically.
 */
function deletedDirectory(word: ShellWord, cwd: string | undefined): string | undefined {
  let value = word.value;
  if (value === undefined) return undefined;
  if (word.glob) {
    const parts = value.split("/");
    const first = parts.findIndex((part) => /[*?[]/.test(part));
    const prefix = parts.slice(0, first).join("/");
    value = prefix === "" ? (value.startsWith("/") ? "/" : ".") : prefix;
  }
  if (isAbsolute(value)) return resolve(value);
  return cwd === undefined ? undefined : resolve(cwd, value);
}

function describeDeletion(directory: string, options: GuardOptions): string | undefined {
  const home = resolve(options.home);
  const workspace = resolve(options.cwd);
  const spellings = [...new Set([directory, realOrSame(directory)])];
  const homes = [...new Set([home, realOrSame(home)])];
  const workspaces = [...new Set([workspace, realOrSame(workspace)])];
  for (const path of spellings) {
    if (path === "/") return "of /";
    if (homes.includes(path)) return "of the home directory";
    if (workspaces.includes(path)) return "of the workspace root";
  }
  for (const path of spellings) {
    if (workspaces.some((root) => isInsideOrEqual(path, root))) return "of a folder holding the workspace";
    if (homes.some((root) => isInsideOrEqual(path, root))) return "of a folder holding the home directory";
  }
  return undefined;
}

function deletionGuard(targets: readonly ShellWord[], cwd: string | undefined, options: GuardOptions): string | undefined {
  for (const target of targets) {
    const directory = deletedDirectory(target, cwd);
    if (directory === undefined) {
      return target.value === undefined ? `of a path that cannot be resolved statically (${target.text})` : `of ${target.text} in a directory that cannot be known statically`;
    }
    if (target.glob && (target.value ?? "").split("/").some((part) => part.startsWith(".") && /[*?[]/.test(part))) {
      return `of ${target.text}, which can match ..`;
    }
    const description = describeDeletion(directory, options);
    if (description !== undefined) return description;
  }
  return undefined;
}

function rmGuard(words: readonly ShellWord[], cwd: string | undefined, options: GuardOptions): string | undefined {
  let recursive = false;
  const targets: ShellWord[] = [];
  let optionsEnded = false;
  for (const word of words.slice(1)) {
    const value = word.value;
    if (!optionsEnded && value === "--") optionsEnded = true;
    else if (optionsEnded) targets.push(word);
    else if (value === undefined) {
      // unquoted, an expansion can split into options and paths (`X='-rf /'; rm $X`)
      recursive = true;
      targets.push(word);
    } else if (value.startsWith("--")) recursive ||= isLong(word, ["recursive"]);
    else if (/^-./.test(value)) recursive ||= /[rR]/.test(value);
    else targets.push(word);
  }
  if (!recursive) return undefined;
  const description = deletionGuard(targets, cwd, options);
  return description === undefined ? undefined : `rm -rf ${description}`;
}

function findDeleteGuard(words: readonly ShellWord[], cwd: string | undefined, options: GuardOptions): string | undefined {
  const args = words.slice(1);
  if (!args.some((word) => word.value === "-delete")) return undefined;
  let index = 0;
  while (index < args.length && /^-([HLP]|O\d*|D)$/.test(args[index]?.value ?? "")) index += args[index]?.value === "-D" ? 2 : 1;
  const starts: ShellWord[] = [];
  for (; index < args.length; index += 1) {
    const word = args[index] as ShellWord;
    if (word.value !== undefined && (/^[-(!),]/.test(word.value) || word.value === "")) break;
    starts.push(word);
  }
  const description = deletionGuard(starts.length === 0 ? [{ text: ".", value: ".", glob: false }] : starts, cwd, options);
  return description === undefined ? undefined : `find -delete ${description}`;
}

function commandGuard(command: ShellCommand, options: GuardOptions): GuardMatch | undefined {
  if (command.undecidable !== undefined) return undefined;
  const words = command.layers[command.layers.length - 1]?.words ?? [];
  const first = words[0]?.value;
  if (first === undefined) return undefined;
  const name = basename(first);
  if (name === "git") {
    const guard = gitGuard(words);
    return guard === undefined ? undefined : { ...guard, command: command.source };
  }
  if (name === "rm") {
    const description = rmGuard(words, command.cwd, options);
    return description === undefined ? undefined : { guard: "rm -rf", description, command: command.source };
  }
  if (name === "find") {
    const description = findDeleteGuard(words, command.cwd, options);
    return description === undefined ? undefined : { guard: "find -delete", description, command: command.source };
  }
  return undefined;
}

/**
 * Finds a destructive command the guard holds for explicit approval, in every simple command of the analysed line
 * (through `bash -c`, `eval`, wrappers, substitutions and git aliases). Git, with its option abbreviations:
 * `reset --hard`, `clean -f`, `push --force`/`-f`/`--force-with-lease`/`+ref`, `checkout -- <paths>`/`checkout .`/
 * `checkout -f`, `restore` of the working tree, `stash drop|clear`, `branch -D`, `reflog expire`, `gc --prune=<recent>`,
 * `update-ref -d`. A recursive `rm` (or `find -delete`) whose target is or holds `/`, the home directory or the
 * workspace root, or cannot be resolved statically (`$X`, `$(…)`, `~user`, a `cd` to an unknown place before it).
 */
export function findDangerousCommand(analysis: ShellAnalysis, options: GuardOptions): GuardMatch | undefined {
  for (const command of analysis.commands) {
    const match = commandGuard(command, options);
    if (match !== undefined) return match;
  }
  return undefined;
}

