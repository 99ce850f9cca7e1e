import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import picomatch from "picomatch";
import type { ShellAnalysis, ShellCommand, ShellCommandLayer } from "./shell-analysis.js";

/**
 * A permission rule in Claude Code's syntax: a tool name (`Bash`, `mcp__github__*`, `mcp__github`), optionally
 * with a specifier in parentheses (`Bash(git status:*)`, `Read(src/**)`, `WebFetch(domain:example.com)`).
 */
export interface PermissionRule {
  /** The rule as written. */
  text: string;
  toolName: string;
  /** The text between the parentheses, when there are any. */
  content?: string;
}

const TOOL_NAME = /^[A-Za-z0-9_.*-]+$/;

/** Parses one rule; throws an Error whose message says what is wrong with it. */
export function parsePermissionRule(text: string): PermissionRule {
  const trimmed = text.trim();
  const open = trimmed.indexOf("(");
  if (open === -1) {
    if (!TOOL_NAME.test(trimmed)) throw new Error(`invalid permission rule "${text}": expected a tool name such as Bash or Read(src/**)`);
    return { text: trimmed, toolName: trimmed };
  }
  const toolName = trimmed.slice(0, open);
  if (!trimmed.endsWith(")")) throw new Error(`invalid permission rule "${text}": missing the closing ")"`);
  if (!TOOL_NAME.test(toolName)) throw new Error(`invalid permission rule "${text}": expected a tool name before "("`);
  const content = trimmed.slice(open + 1, -1).trim();
  if (content === "") throw new Error(`invalid permission rule "${text}": empty parentheses; write ${toolName} to match every call`);
  return { text: trimmed, toolName, content };
}

/**
 * Splits a `--allowedTools` / `--disallowedTools` value (or several) into rules: entries are separated by commas
 * or spaces, except inside parentheses (`Bash(git status:*)` stays whole).
 */
export function parseToolList(values: string | readonly string[]): string[] {
  const rules: string[] = [];
  for (const value of typeof values === "string" ? [values] : values) {
    let depth = 0;
    let current = "";
    for (const char of value) {
      if (char === "(") depth += 1;
      if (char === ")") depth = Math.max(0, depth - 1);
      if (depth === 0 && (char === "," || /\s/.test(char))) {
        if (current.trim() !== "") rules.push(current.trim());
        current = "";
        continue;
      }
      current += char;
    }
    if (current.trim() !== "") rules.push(current.trim());
  }
  return rules;
}

/** Tools whose rule specifier is a path (gitignore-style glob). */
const READ_TOOLS = new Set(["Read", "Glob", "Grep", "LS"]);
const EDIT_TOOLS = new Set(["Edit", "Write", "MultiEdit", "NotebookEdit"]);

function wildcardRegExp(pattern: string): RegExp {
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`, "s");
}

/**
 * Whether the tool part of a rule names `toolName`: the exact name; a `*` wildcard (`mcp__github__*`); an MCP server
 * (`mcp__github` covers every `mcp__github__…` tool); and, for rules with a path specifier, `Edit(…)` also covers
 * Write/MultiEdit/NotebookEdit and `Read(…)` also covers Glob/Grep/LS.
 */
export function ruleNamesTool(rule: PermissionRule, toolName: string): boolean {
  if (rule.toolName === toolName) return true;
  if (rule.toolName.includes("*")) return wildcardRegExp(rule.toolName).test(toolName);
  if (rule.toolName.startsWith("mcp__") && rule.toolName.split("__").length === 2) {
    return toolName.startsWith(`${rule.toolName}__`);
  }
  if (rule.content !== undefined) {
    if (rule.toolName === "Edit") return EDIT_TOOLS.has(toolName);
    if (rule.toolName === "Read") return READ_TOOLS.has(toolName);
  }
  return false;
}

/** What a rule specifier is compared with, worked out once per request. */
export interface RuleTarget {
  toolName: string;
  /** The command (Bash) or other subject; undefined when the call has none. */
  subject: string | undefined;
  /** Absolute paths the call touches. */
  paths: string[];
  /** The real path of each of `paths` (symlinks resolved; for a missing file, its parent), when known. */
  realPaths?: string[] | undefined;
  /** The parsed Bash command: rules match its simple commands, never the raw text. */
  analysis?: ShellAnalysis | undefined;
  /** The workspace root, and its real path when that differs. */
  roots: string[];
  home: string;
}

/** Where a command name may live and still count as that name for an allow rule (`/usr/bin/git` is `git`). */
const SYSTEM_BIN_DIRECTORIES = new Set(["/bin", "/usr/bin", "/usr/local/bin", "/sbin", "/usr/sbin"]);

function layerArgv(layer: ShellCommandLayer): string[] {
  return layer.words.map((word) => word.value ?? word.text);
}

/** The layer's command line as written, and with the program's directory dropped (`/bin/rm -rf x` → `rm -rf x`). */
function layerForms(layer: ShellCommandLayer): { written: string; named: string; systemOrBare: boolean } {
  const argv = layerArgv(layer);
  const program = argv[0] ?? "";
  const named = [basename(program), ...argv.slice(1)].join(" ");
  const systemOrBare = !program.includes("/") || SYSTEM_BIN_DIRECTORIES.has(dirname(resolve("/", program)));
  return { written: argv.join(" "), named, systemOrBare };
}

/** Deny and ask rules: the specifier matches any layer of the command, by program name or as written. */
function commandMatchesAny(command: ShellCommand, specifier: string): boolean {
  return command.layers.some((layer) => {
    const forms = layerForms(layer);
    return commandMatchesSpecifier(forms.named, specifier) || commandMatchesSpecifier(forms.written, specifier);
  });
}

/**
 * The allow rule that covers a command, walking its layers from the outside: a layer matched by a rule allows it;
 * a transparent wrapper (`env`, `timeout`, `nice`…) passes on to what it runs; a shell or `eval` whose script was
 * read counts as covered (its own commands are checked one by one). The program must be named bare or live in a
 * system bin directory, unless the rule spells the path as written (`./git status` is not `git status`).
 */
function coveringRule(command: ShellCommand, rules: readonly PermissionRule[]): PermissionRule | "script" | undefined {
  if (command.undecidable !== undefined) return undefined;
  for (const [index, layer] of command.layers.entries()) {
    const forms = layerForms(layer);
    const rule = rules.find(
      (candidate) =>
        candidate.content !== undefined &&
        (commandMatchesSpecifier(forms.written, candidate.content) || (forms.systemOrBare && commandMatchesSpecifier(forms.named, candidate.content))),
    );
    if (rule !== undefined) return rule;
    if (!forms.systemOrBare) return undefined;
    const last = index === command.layers.length - 1;
    if (last) return command.runsScript ? "script" : undefined;
    if (!layer.transparent) return undefined;
  }
  return undefined;
}

/** Whether one simple command matches a Bash specifier: `prefix:*`, a `*` wildcard, or the exact command. */
export function commandMatchesSpecifier(command: string, specifier: string): boolean {
  const normalized = specifier.trim().replace(/\s+/g, " ");
  if (normalized.endsWith(":*")) {
    const prefix = normalized.slice(0, -2).trimEnd();
    return command === prefix || command.startsWith(`${prefix} `);
  }
  if (normalized.includes("*")) return wildcardRegExp(normalized).test(command);
  return command === normalized;
}

/**
 * Whether a path specifier matches every path of the call. Each path is compared as given and as its real path:
 * with `either` (deny and ask rules) one of the two matching is enough; otherwise (allow rules) both must match.
 */
function pathMatches(pattern: string, target: RuleTarget, either = true): boolean {
  let glob = pattern;
  let absolute = false;
  if (glob.startsWith("//")) {
    glob = glob.slice(1);
    absolute = true;
  } else if (glob === "~" || glob.startsWith("~/")) {
    glob = join(target.home, glob.slice(1));
    absolute = true;
  } else if (glob.startsWith("/")) glob = glob.slice(1);
  else if (glob.startsWith("./")) glob = glob.slice(2);
  if (glob.endsWith("/")) glob += "**";
  const anywhere = !absolute && !glob.includes("/");
  const matcher = picomatch(glob, { dot: true, basename: anywhere });
  if (target.paths.length === 0) return false;
  const one = (path: string): boolean => {
    if (absolute) return matcher(path);
    return target.roots.some((root) => {
      const fromRoot = relative(root, path);
      if (fromRoot === "" || fromRoot === ".." || fromRoot.startsWith("../") || isAbsolute(fromRoot)) return false;
      return matcher(fromRoot);
    });
  };
  return target.paths.every((path, index) => {
    const real = target.realPaths?.[index];
    const spellings = real === undefined || real === path ? [path] : [path, real];
    return either ? spellings.some(one) : spellings.every(one);
  });
}

function domainMatches(specifier: string, subject: string | undefined): boolean {
  if (!specifier.startsWith("domain:") || subject === undefined) return false;
  let host: string;
  try {
    host = new URL(subject).hostname.toLowerCase();
  } catch {
    return false;
  }
  const domain = specifier.slice("domain:".length).trim().toLowerCase();
  if (domain.startsWith("*.")) return host.endsWith(domain.slice(1));
  return host === domain;
}

/**
 * Whether `rule` matches the call in the ordinary sense: any of its simple commands for Bash (what deny and ask
 * rules use), every path for file tools, the host for WebFetch, the subject (exact or `*` wildcard) otherwise.
 */
export function ruleMatches(rule: PermissionRule, target: RuleTarget, either = true): boolean {
  if (!ruleNamesTool(rule, target.toolName)) return false;
  if (rule.content === undefined) return true;
  if (target.toolName === "Bash") {
    const content = rule.content;
    return target.analysis?.commands.some((command) => commandMatchesAny(command, content)) ?? false;
  }
  if (READ_TOOLS.has(target.toolName) || EDIT_TOOLS.has(target.toolName)) return pathMatches(rule.content, target, either);
  if (target.toolName === "WebFetch") return domainMatches(rule.content, target.subject);
  if (target.subject === undefined) return false;
  return rule.content.includes("*") ? wildcardRegExp(rule.content).test(target.subject) : target.subject === rule.content;
}

/**
 * The rules that together allow the call, or undefined. For Bash a bare `Bash` rule allows everything; otherwise
 * every simple command of the parsed line must be covered by a rule (see `coveringRule`), and nothing in the line
 * may be undecidable (a command name made by an expansion, a syntax error). Path rules must match both the path
 * and its real path. With `explicitOnly`, bare rules do not count (the guard needs a rule that names the command).
 */
export function allowingRules(
  rules: readonly PermissionRule[],
  target: RuleTarget,
  explicitOnly = false,
): PermissionRule[] | undefined {
  const named = rules.filter((rule) => ruleNamesTool(rule, target.toolName));
  if (!explicitOnly) {
    const bare = named.find((rule) => rule.content === undefined);
    if (bare !== undefined) return [bare];
  }
  const specific = named.filter((rule) => rule.content !== undefined);
  if (specific.length === 0) return undefined;
  if (target.toolName !== "Bash") {
    const rule = specific.find((candidate) => ruleMatches(candidate, target, false));
    return rule === undefined ? undefined : [rule];
  }
  const analysis = target.analysis;
  if (analysis === undefined || analysis.undecidable.length > 0 || analysis.commands.length === 0) return undefined;
  const used: PermissionRule[] = [];
  for (const command of analysis.commands) {
    const rule = coveringRule(command, specific);
    if (rule === undefined) return undefined;
    if (rule !== "script" && !used.includes(rule)) used.push(rule);
  }
  return used.length === 0 ? undefined : used;
}
