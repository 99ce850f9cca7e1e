import { statSync } from "node:fs";
import { basename, isAbsolute, resolve } from "node:path";
import type { OptionSpec, ScannedOption } from "./scan-options.js";
import { scanOptions } from "./scan-options.js";
import type { ShellParser, SyntaxNode } from "./shell-parser.js";
import { loadShellParser } from "./shell-parser.js";
import type { ShellWord } from "./shell-words.js";
import { literalWord, shellQuote, shellWordOf } from "./shell-words.js";

/** One level of a simple command: the whole command, then what each wrapper (`env`, `timeout 5`, `sudo`) runs. */
export interface ShellCommandLayer {
  words: ShellWord[];
  /**
   * True for a wrapper that runs the next layer without changing what it is or who runs it (`env`, `command`,
   * `timeout`, `nice`, `nohup`…); false for `sudo`, `doas`, `xargs` and for the last layer.
   */
  transparent: boolean;
}

/** A simple command found anywhere in the line. */
export interface ShellCommand {
  /** The layers, outermost first; the last one is the program that runs. */
  layers: ShellCommandLayer[];
  /** The program that runs with its arguments: static values, or the source text of a word an expansion makes. */
  argv: string[];
  /** The working directory it runs in, following earlier `cd`s of the line; undefined when not known statically. */
  cwd: string | undefined;
  /** Why the matcher cannot decide what this command is (its name is made by an expansion, PATH changed…). */
  undecidable?: string | undefined;
  /** The command as written. */
  source: string;
  /** How it was reached: "" at the top, or `bash -c`, `eval`, `find -exec`, `git alias`, `trap`. */
  via: string;
  /** True when the program is a shell or `eval` whose script this analysis read (its commands are listed too). */
  runsScript: boolean;
}

/** A file the line writes: a redirection or a known write option. */
export interface ShellWriteTarget {
  /** The target as written. */
  text: string;
  /** The absolute path (resolved against the tracked working directory, `~` expanded); undefined when not static. */
  path: string | undefined;
  /** What writes it: `>`, `>>`, `tee`, `git --output`, `cp`… */
  via: string;
}

export interface ShellAnalysis {
  command: string;
  commands: ShellCommand[];
  writeTargets: ShellWriteTarget[];
  /** Every reason part of the line cannot be decided (parse errors and undecidable commands included). */
  undecidable: string[];
  /** True when the parser found a syntax error (the whole line is then undecidable). */
  parseError: boolean;
}

export interface ShellAnalysisOptions {
  /** The directory the command starts in. */
  cwd: string;
  home: string;
}

interface Scope {
  cwd: string | undefined;
  depth: number;
  via: string;
}

const MAX_DEPTH = 8;
const SHELLS = new Set(["bash", "sh", "zsh", "dash", "ksh"]);
const HARMLESS_TARGETS = new Set(["/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty"]);
/** Variables that change which program a name runs or what a shell or git does before it starts. */
const SENSITIVE_VARIABLE = /^(PATH|LD_PRELOAD|LD_LIBRARY_PATH|LD_AUDIT|DYLD_[A-Z_]+|BASH_ENV|ENV|IFS|SHELLOPTS|BASHOPTS|PROMPT_COMMAND|PS4|GIT_CONFIG[A-Z0-9_]*|GIT_EXEC_PATH)$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

interface WrapperSpec extends OptionSpec {
  transparent: boolean;
  /** Operands read before the command (`timeout`'s duration). */
  positionals?: number;
  /** `NAME=value` words between the options and the command (`env`, `sudo`). */
  assignments?: boolean;
  /** Options after which nothing is run (`command -v`, `sudo -l`). */
  noRun?: string;
  /** Options whose value is the working directory of the command (`env -C`, `sudo -D`). */
  chdir?: readonly string[];
  /** Options that make the command undecidable (`env -S` splits a string into a command). */
  opaque?: readonly string[];
}

const WRAPPERS: Readonly<Record<string, WrapperSpec>> = {
  env: { transparent: true, valued: "uCS", long: ["unset", "chdir", "split-string"], assignments: true, chdir: ["C", "chdir"], opaque: ["S", "split-string"] },
  command: { transparent: true, noRun: "vV" },
  builtin: { transparent: true },
  exec: { transparent: true, valued: "a" },
  nohup: { transparent: true },
  time: { transparent: true, valued: "fo", long: ["format", "output"] },
  coproc: { transparent: true },
  timeout: { transparent: true, valued: "sk", long: ["signal", "kill-after"], positionals: 1 },
  nice: { transparent: true, valued: "n", long: ["adjustment"] },
  ionice: { transparent: true, valued: "cnpPu", long: ["class", "classdata", "pid", "pgid", "uid"], noRun: "pPu" },
  stdbuf: { transparent: true, valued: "ioe", long: ["input", "output", "error"] },
  setsid: { transparent: true },
  sudo: {
    transparent: false,
    valued: "CDghpRrtTUu",
    long: ["close-from", "chdir", "group", "host", "prompt", "chroot", "role", "type", "command-timeout", "other-user", "user"],
    assignments: true,
    noRun: "elvkKV",
    chdir: ["D", "chdir"],
  },
  doas: { transparent: false, valued: "uC", noRun: "L" },
  xargs: {
    transparent: false,
    valued: "IdEaLnPs",
    attached: "ile",
    long: ["delimiter", "arg-file", "max-args", "max-procs", "max-chars", "process-slot-var"],
  },
};

/** Commands whose write options this analysis knows (and no others): see `writeTargetsOf`. */
const GIT_OUTPUT_SUBCOMMANDS = new Set(["diff", "log", "format-patch", "show"]);
const GIT_GLOBAL_VALUED = new Set(["-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env", "--super-prefix", "--attr-source", "--list-cmds"]);

function valuesOf(words: readonly ShellWord[]): string[] {
  return words.map((word) => word.value ?? word.text);
}

function nameOf(word: ShellWord | undefined): string | undefined {
  return word?.value === undefined ? undefined : basename(word.value);
}

class Analyzer {
  readonly commands: ShellCommand[] = [];
  readonly writeTargets: ShellWriteTarget[] = [];
  readonly undecidable: string[] = [];
  parseError = false;

  constructor(
    private readonly parser: ShellParser,
    private readonly home: string,
  ) {}

  script(text: string, scope: Scope): void {
    if (scope.depth > MAX_DEPTH) {
      this.undecidable.push(`commands nested more than ${MAX_DEPTH} levels deep`);
      return;
    }
    this.parser.parse(text, (root) => {
      if (root.hasError) this.findErrors(root);
      this.walk(root, scope);
    });
  }

  private findErrors(node: SyntaxNode): void {
    if (node.type === "ERROR" || node.isMissing) {
      if (!isReadWriteOperator(node)) {
        this.parseError = true;
        const snippet = node.text.length > 40 ? `${node.text.slice(0, 39)}…` : node.text;
        this.undecidable.push(`the shell syntax cannot be parsed${snippet === "" ? "" : ` near '${snippet}'`}`);
      }
      return;
    }
    for (const child of node.children) if (child !== null && (child.hasError || child.isMissing)) this.findErrors(child);
  }

  private word(node: SyntaxNode, scope: Scope): ShellWord {
    return shellWordOf(node, { home: this.home, cwd: scope.cwd });
  }

  private walkChildren(node: SyntaxNode, scope: Scope): void {
    for (const child of node.children) if (child !== null) this.walk(child, scope);
  }

  private walk(node: SyntaxNode, scope: Scope): void {
    switch (node.type) {
      case "command":
        this.command(node, scope);
        return;
      case "redirected_statement": {
        // A redirection is opened before its command runs, so a `cd` there does not move it. tree-sitter-bash hangs
        // the redirection of `a && b > f` or `a | b > f` on the whole list; bash applies it to the last command, after
        // the `cd`s before it: there the body is read first.
        const children = node.children;
        const body = children.find((child, index) => child !== null && node.fieldNameForChild(index) === "body");
        const late = body?.type === "list" || body?.type === "pipeline";
        if (late && body !== null && body !== undefined) this.walk(body, scope);
        for (const [index, child] of children.entries()) if (child !== null && node.fieldNameForChild(index) !== "body") this.walk(child, scope);
        if (!late && body !== null && body !== undefined) this.walk(body, scope);
        return;
      }
      case "file_redirect":
        this.redirect(node, scope);
        return;
      case "command_substitution":
        this.substitution(node, scope);
        return;
      case "subshell":
      case "process_substitution":
      case "function_definition":
        this.walkChildren(node, { ...scope });
        return;
      case "pipeline":
        for (const child of node.children) if (child !== null) this.walk(child, { ...scope });
        return;
      case "if_statement":
      case "while_statement":
      case "for_statement":
      case "c_style_for_statement":
      case "case_statement": {
        const inner = { ...scope };
        this.walkChildren(node, inner);
        if (inner.cwd !== scope.cwd) scope.cwd = undefined;
        return;
      }
      case "variable_assignment":
        this.assignment(node, scope, true);
        return;
      default:
        this.walkChildren(node, scope);
    }
  }

  /** `$(…)` and backticks; a backtick body with `\`` inside is read again the way bash unescapes it. */
  private substitution(node: SyntaxNode, scope: Scope): void {
    const text = node.text;
    if (text.startsWith("`") && text.includes("\\`")) {
      const inner = text.slice(1, -1).replace(/\\([`$\\])/g, "$1");
      this.script(inner, { ...scope, depth: scope.depth + 1, via: scope.via });
      return;
    }
    this.walkChildren(node, { ...scope });
  }

  private assignment(node: SyntaxNode, scope: Scope, statement: boolean): string | undefined {
    const name = node.childForFieldName("name")?.text ?? "";
    this.walkChildren(node, { ...scope });
    if (!SENSITIVE_VARIABLE.test(name)) return undefined;
    const reason = `it sets ${name}, which changes what later commands run`;
    if (statement) this.undecidable.push(`'${preview(node.text)}': ${reason}`);
    return reason;
  }

  private redirect(node: SyntaxNode, scope: Scope): void {
    let operator = "";
    let destination: SyntaxNode | undefined;
    const children = node.children.filter((child): child is SyntaxNode => child !== null);
    for (const [index, child] of children.entries()) {
      if (child.type === "ERROR" && child.text === ">" && children[index - 1]?.type === "<") operator = "<>";
      else if (!child.isNamed && operator === "") operator = child.type;
      else if (node.fieldNameForChild(index) === "destination" || (child.isNamed && child.type !== "file_descriptor" && child.type !== "ERROR")) {
        destination ??= child;
      }
    }
    if (destination !== undefined) this.walk(destination, { ...scope });
    const writes = [">", ">>", ">|", "&>", "&>>", "<>"].includes(operator);
    if (!writes && operator !== ">&") return;
    if (destination === undefined || destination.type === "process_substitution") return;
    const word = this.word(destination, scope);
    if (operator === ">&" && word.value !== undefined && /^(\d+|-)$/.test(word.value)) return;
    this.addTarget(word, operator, scope);
  }

  private addTarget(word: ShellWord, via: string, scope: Scope): void {
    if (word.value !== undefined && HARMLESS_TARGETS.has(word.value)) return;
    let path: string | undefined;
    if (word.value !== undefined && scope.cwd !== undefined && !globCanClimb(word)) {
      path = isAbsolute(word.value) ? resolve(word.value) : resolve(scope.cwd, word.value);
    } else if (word.value !== undefined && isAbsolute(word.value) && !globCanClimb(word)) path = resolve(word.value);
    this.writeTargets.push({ text: word.text, path, via });
  }

  private command(node: SyntaxNode, scope: Scope): void {
    const words: ShellWord[] = [];
    let assignmentReason: string | undefined;
    for (const [index, child] of node.children.entries()) {
      if (child === null) continue;
      if (child.type === "variable_assignment") {
        assignmentReason ??= this.assignment(child, scope, false);
        continue;
      }
      if (child.type === "file_redirect" || child.type === "herestring_redirect" || child.type === "heredoc_redirect") {
        this.walk(child, scope);
        continue;
      }
      const field = node.fieldNameForChild(index);
      if (child.type === "command_name" || field === "argument" || field === "name") {
        const target = child.type === "command_name" ? (child.namedChildren[0] ?? child) : child;
        this.walk(target, { ...scope });
        words.push(this.word(target, scope));
      } else this.walk(child, scope);
    }
    this.simpleCommand(words, node.text, scope, assignmentReason);
  }

  /** Records one simple command given as words, then what it runs inside (scripts, -exec, git aliases). */
  private simpleCommand(words: ShellWord[], source: string, scope: Scope, reason?: string): void {
    if (words.length === 0) return;
    const { layers, undecidable, cwd } = this.unwrap(words, scope);
    const last = layers[layers.length - 1] as ShellCommandLayer;
    const entry: ShellCommand = {
      layers,
      argv: valuesOf(last.words),
      cwd,
      source,
      via: scope.via,
      runsScript: false,
      ...(reason ?? undecidable ? { undecidable: reason ?? undecidable } : {}),
    };
    this.commands.push(entry);
    if (entry.undecidable !== undefined) {
      this.undecidable.push(`'${preview(source)}': ${entry.undecidable}`);
      return;
    }
    const inner: Scope = { ...scope, cwd, depth: scope.depth + 1 };
    const name = nameOf(last.words[0]);
    const args = last.words.slice(1);
    if (name === undefined) return;
    if (SHELLS.has(name)) this.shellScript(entry, args, inner, name);
    else if (name === "eval") {
      // eval runs in this shell: a `cd` inside it moves the commands after it
      inner.via = scope.via;
      this.evalScript(entry, args, inner);
      scope.cwd = inner.cwd;
    }
    else if (name === "trap") this.trapScript(entry, args, inner);
    else if (name === "find") this.findExec(args, inner);
    else if (name === "git") this.gitAlias(args, inner);
    else if (name === "alias" && args.length > 0) this.undecidable.push(`'${preview(source)}' defines an alias`);
    else if (name === "hash" && args.some((word) => word.value?.startsWith("-") === true && word.value.includes("p"))) {
      this.undecidable.push(`'${preview(source)}' sets the path of a command name`);
    }
    for (const target of writeTargetsOf(name, args)) this.addTarget(target.word, target.via, { ...scope, cwd });
    this.changeDirectory(name, args, scope, cwd);
  }

  private changeDirectory(name: string, args: readonly ShellWord[], scope: Scope, cwd: string | undefined): void {
    if (name !== "cd" && name !== "pushd" && name !== "popd") return;
    if (name === "popd") {
      scope.cwd = undefined;
      return;
    }
    const operands = args.filter((word) => !(word.value !== undefined && /^-[LPe@]+$/.test(word.value)));
    const target = operands[0];
    if (target === undefined) {
      scope.cwd = name === "cd" ? this.home : undefined;
      return;
    }
    if (target.value === undefined || target.value === "-" || cwd === undefined || target.glob) {
      scope.cwd = undefined;
      return;
    }
    const next = resolve(cwd, target.value);
    let isDirectory = false;
    try {
      isDirectory = statSync(next).isDirectory();
    } catch {
      isDirectory = false;
    }
    scope.cwd = isDirectory ? next : undefined;
  }

  private unwrap(words: ShellWord[], scope: Scope): { layers: ShellCommandLayer[]; undecidable?: string | undefined; cwd: string | undefined } {
    const layers: ShellCommandLayer[] = [];
    let current = words;
    let cwd = scope.cwd;
    for (;;) {
      const first = current[0] as ShellWord;
      if (first.value === undefined || first.glob) {
        layers.push({ words: current, transparent: false });
        return { layers, undecidable: `its command name is made by an expansion (${first.text})`, cwd };
      }
      const spec = WRAPPERS[basename(first.value)];
      if (spec === undefined) {
        layers.push({ words: current, transparent: false });
        return { layers, cwd };
      }
      const scanned = scanOptions(current, 1, { ...spec, stopAtOperand: true });
      if (spec.noRun !== undefined && scanned.options.some((option) => !option.long && spec.noRun?.includes(option.name))) {
        layers.push({ words: current, transparent: false });
        return { layers, cwd };
      }
      for (const option of scanned.options) {
        if (spec.opaque?.includes(option.name) === true) {
          layers.push({ words: current, transparent: false });
          return { layers, undecidable: `${first.value} -${option.long ? "-" : ""}${option.name} runs a command this check cannot read`, cwd };
        }
        if (spec.chdir?.includes(option.name) === true) {
          cwd = option.value === undefined || cwd === undefined ? undefined : resolve(cwd, option.value);
        }
      }
      let index = scanned.end + (spec.positionals ?? 0);
      let reason: string | undefined;
      if (spec.assignments === true) {
        while (index < current.length && ASSIGNMENT.test(current[index]?.value ?? "")) {
          const name = ASSIGNMENT.exec(current[index]?.value ?? "")?.[1] ?? "";
          if (SENSITIVE_VARIABLE.test(name)) reason ??= `it sets ${name}, which changes what the command runs`;
          index += 1;
        }
      }
      const rest = current.slice(index);
      if (rest.length === 0) {
        layers.push({ words: current, transparent: false });
        return { layers, cwd };
      }
      layers.push({ words: current, transparent: spec.transparent });
      if (reason !== undefined) {
        layers.push({ words: rest, transparent: false });
        return { layers, undecidable: reason, cwd };
      }
      current = rest;
    }
  }

  private nested(entry: ShellCommand, text: string, scope: Scope, via: string): void {
    entry.runsScript = true;
    if (via === "eval") {
      this.script(text, scope);
      return;
    }
    this.script(text, { ...scope, via });
  }

  private shellScript(entry: ShellCommand, args: readonly ShellWord[], scope: Scope, name: string): void {
    let index = 0;
    let command = false;
    let stdin = false;
    while (index < args.length) {
      const value = args[index]?.value;
      if (value === undefined || value === "-" || value === "--" || !/^[-+]/.test(value)) break;
      if (value.startsWith("--")) {
        index += 1;
        continue;
      }
      const letters = value.slice(1);
      if (letters.includes("c")) command = true;
      if (letters.includes("s")) stdin = true;
      index += /[oO]/.test(letters) ? 2 : 1;
    }
    if (args[index]?.value === "-" || args[index]?.value === "--") index += 1;
    const operand = args[index];
    if (command) {
      if (operand?.value === undefined) {
        this.mark(entry, operand === undefined ? `${name} -c without a script` : `${name} -c runs a script made by an expansion (${operand.text})`);
        return;
      }
      this.nested(entry, operand.value, scope, `${name} -c`);
      return;
    }
    if (stdin || operand === undefined) this.mark(entry, `${name} reads its commands from standard input`);
  }

  private evalScript(entry: ShellCommand, args: readonly ShellWord[], scope: Scope): void {
    if (args.length === 0) return;
    const dynamic = args.find((word) => word.value === undefined);
    if (dynamic !== undefined) {
      this.mark(entry, `eval of text made by an expansion (${dynamic.text})`);
      return;
    }
    this.nested(entry, args.map((word) => word.value ?? "").join(" "), scope, "eval");
  }

  private trapScript(entry: ShellCommand, args: readonly ShellWord[], scope: Scope): void {
    const operands = args.filter((word) => !(word.value?.startsWith("-") ?? false));
    const action = operands[0];
    if (operands.length < 2 || action === undefined) return;
    if (action.value === undefined) this.mark(entry, `trap runs text made by an expansion (${action.text})`);
    else this.nested(entry, action.value, scope, "trap");
  }

  private mark(entry: ShellCommand, reason: string): void {
    entry.undecidable = reason;
    this.undecidable.push(`'${preview(entry.source)}': ${reason}`);
  }

  /** `find … -exec cmd {} ;`: the command is a command too; `{}` stands for a path nobody knows yet. */
  private findExec(args: readonly ShellWord[], scope: Scope): void {
    for (let index = 0; index < args.length; index += 1) {
      const value = args[index]?.value;
      if (value !== "-exec" && value !== "-execdir" && value !== "-ok" && value !== "-okdir") continue;
      const words: ShellWord[] = [];
      let cursor = index + 1;
      for (; cursor < args.length; cursor += 1) {
        const word = args[cursor] as ShellWord;
        if (word.value === ";" || (word.value === "+" && words[words.length - 1]?.value === "{}")) break;
        words.push(word.value?.includes("{}") === true ? { text: word.text, value: undefined, glob: false } : word);
      }
      if (words.length > 0) this.simpleCommand(words, words.map((word) => word.text).join(" "), { ...scope, via: "find -exec" });
      index = cursor;
    }
  }

  /** `git -c alias.x='reset --hard' x`: the alias is expanded (a `!` alias is a shell command). */
  private gitAlias(args: readonly ShellWord[], scope: Scope): void {
    const aliases = new Map<string, string>();
    let index = 0;
    while (index < args.length) {
      const value = args[index]?.value;
      if (value === undefined || !value.startsWith("-")) break;
      const name = value.includes("=") ? value.slice(0, value.indexOf("=")) : value;
      if (GIT_GLOBAL_VALUED.has(name) && !value.includes("=")) {
        if (value === "-c") {
          const setting = args[index + 1]?.value;
          const match = setting === undefined ? null : /^alias\.([^=]+)=(.*)$/is.exec(setting);
          if (match !== null) aliases.set((match[1] ?? "").toLowerCase(), match[2] ?? "");
        }
        index += 2;
      } else index += 1;
    }
    const subcommand = args[index]?.value;
    if (subcommand === undefined) return;
    const alias = aliases.get(subcommand.toLowerCase());
    if (alias === undefined) return;
    const rest = args
      .slice(index + 1)
      .map((word) => (word.value === undefined ? word.text : shellQuote(word.value)))
      .join(" ");
    if (alias.startsWith("!")) this.script(`${alias.slice(1)} ${rest}`, { ...scope, via: "git alias" });
    else this.script(`git ${alias} ${rest}`, { ...scope, via: "git alias" });
  }
}

function isReadWriteOperator(node: SyntaxNode): boolean {
  const previous = node.previousSibling;
  return node.type === "ERROR" && node.text === ">" && previous?.type === "<" && node.parent?.type === "file_redirect";
}

/** A glob whose component could match `..` (`.*`) makes a target's place unknown. */
function globCanClimb(word: ShellWord): boolean {
  return word.glob && (word.value ?? "").split("/").some((part) => part.startsWith(".") && /[*?[]/.test(part));
}

function preview(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

interface TargetWord {
  word: ShellWord;
  via: string;
}

function positionalTargets(args: readonly ShellWord[], spec: OptionSpec, via: string): TargetWord[] {
  return scanOptions(args, 0, spec).operands.map((word) => ({ word, via }));
}

/**
 * The write options this check knows, and only these: `git diff|log|format-patch|show --output`, `tee` files,
 * `dd of=`, `sort -o`/`--output`, the destinations of `cp`/`mv`/`install`/`ln` (and `mv`'s sources, which it
 * removes), the operands of `touch`/`mkdir`/`rm`/`rmdir`, and the files of `sed -i`/`perl -i`. Other programs
 * that write files are not known here; the sandbox and the mode are what bound them.
 */
function writeTargetsOf(name: string, args: readonly ShellWord[]): TargetWord[] {
  if (!WRITING_COMMANDS.has(name)) return [];
  // an option word made by an expansion (`-o$F`) may name a file nobody can see here
  const hidden = args.filter((word) => word.value === undefined && word.text.startsWith("-")).map((word) => ({ word, via: name }));
  return [...hidden, ...knownWriteTargets(name, args)];
}

const WRITING_COMMANDS = new Set(["git", "tee", "dd", "sort", "cp", "mv", "install", "ln", "touch", "mkdir", "rm", "rmdir", "sed", "perl"]);

/** The word holding an option's value (`-o f`, `-of`, `--output=f`), with the value alone. */
function optionValueWord(option: ScannedOption): ShellWord {
  const word = option.valueWord;
  if (word === undefined) return literalWord(option.value ?? "");
  if (word.value === option.value) return word;
  return { text: word.text, value: option.value, glob: word.glob };
}

function knownWriteTargets(name: string, args: readonly ShellWord[]): TargetWord[] {
  switch (name) {
    case "git": {
      let index = 0;
      while (index < args.length && (args[index]?.value ?? "").startsWith("-")) {
        const value = args[index]?.value ?? "";
        index += GIT_GLOBAL_VALUED.has(value) ? 2 : 1;
      }
      if (!GIT_OUTPUT_SUBCOMMANDS.has(args[index]?.value ?? "")) return [];
      const targets: TargetWord[] = [];
      for (let cursor = index + 1; cursor < args.length; cursor += 1) {
        const word = args[cursor] as ShellWord;
        if (word.value === "--") break;
        if (word.value === "--output" && args[cursor + 1] !== undefined) {
          targets.push({ word: args[cursor + 1] as ShellWord, via: "git --output" });
          cursor += 1;
        } else if (word.value?.startsWith("--output=") === true) {
          const path = word.value.slice("--output=".length);
          targets.push({ word: { text: word.text, value: path, glob: false }, via: "git --output" });
        } else if (word.value === undefined && /^["']?--output=/.test(word.text)) {
          targets.push({ word: { text: word.text, value: undefined, glob: false }, via: "git --output" });
        }
      }
      return targets;
    }
    case "tee":
      return positionalTargets(args, { long: ["output-error"] }, "tee");
    case "dd":
      return args
        .filter((word) => word.value?.startsWith("of=") === true || (word.value === undefined && /^["']?of=/.test(word.text)))
        .map((word) => ({ word: { text: word.text, value: word.value?.slice(3), glob: false }, via: "dd of=" }));
    case "sort":
      return scanOptions(args, 0, { valued: "koStT", long: ["output", "key", "buffer-size", "field-separator", "temporary-directory", "files0-from", "batch-size", "compress-program", "random-source", "parallel", "sort"] })
        .options.filter((option) => (option.long ? "output".startsWith(option.name) && option.name.length >= 2 : option.name === "o"))
        .map((option) => ({ word: optionValueWord(option), via: "sort -o" }));
    case "cp":
    case "mv":
    case "install":
    case "ln": {
      const scanned = scanOptions(args, 0, {
        valued: name === "install" ? "gmoStZ" : "St",
        long: ["target-directory", "suffix", "mode", "owner", "group", "strip-program", "backup", "context", "reflink", "sparse", "preserve", "no-preserve", "update"].filter(
          (long) => name === "install" || !["mode", "owner", "group", "strip-program"].includes(long),
        ),
      });
      const targetOption = scanned.options.find((option) => option.name === "t" || (option.long && option.name.length >= 3 && "target-directory".startsWith(option.name)));
      const targets: TargetWord[] = [];
      if (targetOption !== undefined) targets.push({ word: optionValueWord(targetOption), via: name });
      const operands = scanned.operands;
      if (name === "install" && scanned.options.some((option) => option.name === "d" || option.name === "directory")) {
        return operands.map((word) => ({ word, via: "install -d" }));
      }
      if (name === "mv") targets.push(...operands.slice(0, targetOption === undefined ? -1 : undefined).map((word) => ({ word, via: "mv (source)" })));
      if (targetOption === undefined) {
        const last = operands[operands.length - 1];
        if (operands.length >= 2 && last !== undefined) targets.push({ word: last, via: name });
        else if (name === "ln" && last?.value !== undefined) targets.push({ word: literalWord(basename(last.value)), via: name });
      }
      return targets;
    }
    case "touch":
      return positionalTargets(args, { valued: "drt", long: ["date", "reference", "time"] }, "touch");
    case "mkdir":
      return positionalTargets(args, { valued: "m", long: ["mode"] }, "mkdir");
    case "rm":
    case "rmdir":
      return positionalTargets(args, {}, name);
    case "sed": {
      const scanned = scanOptions(args, 0, { valued: "efl", attached: "i", long: ["expression", "file", "line-length"] });
      const inPlace = scanned.options.some((option) => option.name === "i" || (option.long && option.name.length >= 3 && "in-place".startsWith(option.name)));
      if (!inPlace) return [];
      const scripted = scanned.options.some((option) => option.name === "e" || option.name === "f" || (option.long && ("expression".startsWith(option.name) || "file".startsWith(option.name))));
      return scanned.operands.slice(scripted ? 0 : 1).map((word) => ({ word, via: "sed -i" }));
    }
    case "perl": {
      const scanned = scanOptions(args, 0, { valued: "eEIMm", attached: "il0xCdDV", stopAtOperand: false });
      if (!scanned.options.some((option) => option.name === "i")) return [];
      const scripted = scanned.options.some((option) => option.name === "e" || option.name === "E");
      return scanned.operands.slice(scripted ? 0 : 1).map((word) => ({ word, via: "perl -i" }));
    }
    default:
      return [];
  }
}

/**
 * Parses a Bash command line and lists every simple command in it (through `bash -c`/`sh -c`/`eval` strings,
 * wrappers such as `env`, `timeout`, `sudo`, `xargs`, substitutions, subshells, pipelines, lists, compound
 * statements and functions) with its static argv, the working directory it runs in, and every file the line
 * writes. Whatever cannot be decided statically is listed in `undecidable`.
 */
export async function analyzeShellCommand(command: string, options: ShellAnalysisOptions): Promise<ShellAnalysis> {
  const parser = await loadShellParser();
  return analyzeShellCommandWith(parser, command, options);
}

/** `analyzeShellCommand` with a parser already loaded (synchronous). */
export function analyzeShellCommandWith(parser: ShellParser, command: string, options: ShellAnalysisOptions): ShellAnalysis {
  const analyzer = new Analyzer(parser, resolve(options.home));
  analyzer.script(command, { cwd: resolve(options.cwd), depth: 0, via: "" });
  return {
    command,
    commands: analyzer.commands,
    writeTargets: analyzer.writeTargets,
    undecidable: analyzer.undecidable,
    parseError: analyzer.parseError,
  };
}
