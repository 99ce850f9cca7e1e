import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";
import type { PermissionMode } from "../permission-mode.js";
import { modeGrants } from "../permission-mode.js";
import type { RequiredPermission } from "../tool-contract.js";
import { ToolError } from "../tool-error.js";
import { isInside, realPathOf, resolveWorkspacePath } from "../workspace-path.js";
import type { GuardMatch } from "./dangerous-command-guard.js";
import { findDangerousCommand } from "./dangerous-command-guard.js";
import type { PermissionRule, RuleTarget } from "./permission-rule.js";
import { allowingRules, parsePermissionRule, ruleMatches, ruleNamesTool } from "./permission-rule.js";
import type { ProtectedPath } from "./protected-path.js";
import { protectedPathOf } from "./protected-path.js";
import { realPathSyncOf } from "./real-path-sync.js";
import type { ShellAnalysis } from "./shell-analysis.js";
import { analyzeShellCommand } from "./shell-analysis.js";

/** One tool call to decide on. */
export interface PermissionRequest {
  toolName: string;
  requiredPermission: RequiredPermission;
  input: unknown;
  /** What rules match against: the Bash command, a file path, a URL. Taken from `input` when missing. */
  subject?: string | undefined;
  /** Absolute paths the call touches. Taken from `input` (`file_path`, `notebook_path`, `path`) when missing. */
  paths?: string[] | undefined;
  /** The session's mode, filled in for prompters by `resolvePermissions`. */
  currentMode?: PermissionMode | undefined;
}

/** Which step of the decision order decided. */
export type PermissionStep =
  | "deny-rule"
  | "allowed-tools"
  | "ask-rule"
  | "undecidable"
  | "guard"
  | "workspace"
  | "protected-path"
  | "allow-rule"
  | "session-approval"
  | "mode";

export interface PermissionDecision {
  behavior: "allow" | "deny" | "ask";
  reason: string;
  /** The rule text that decided, when a rule did. */
  rule?: string;
  step: PermissionStep;
  /** The guarded operation, when the built-in guard decided. */
  guard?: GuardMatch;
}

export interface PermissionPolicyOptions {
  mode: PermissionMode;
  /** The workspace root that relative path rules are anchored to. */
  cwd: string;
  /** Config `permissions.allow` / `deny` / `ask` rules. */
  allow?: readonly string[] | undefined;
  deny?: readonly string[] | undefined;
  ask?: readonly string[] | undefined;
  /** `--allowedTools`: when given, restricts the tool set; it never raises the mode. */
  allowedTools?: readonly string[] | undefined;
  /** `--disallowedTools`: deny rules. */
  disallowedTools?: readonly string[] | undefined;
  /** The home directory for `~` in rules and the guard; defaults to the OS home. */
  home?: string | undefined;
  /**
   * Which sandbox a Bash command would run in now, when one runs. In read-only mode a Bash call that runs in the
   * read-only sandbox is allowed (deny and ask rules and the guard still apply).
   */
  bashSandbox?: (() => "read-only" | "workspace-write" | undefined) | undefined;
}

/** A rule that cannot be parsed; the message names the rule and where it came from. */
export class PermissionRuleError extends Error {
  readonly code = "permission_rule_invalid";

  constructor(message: string) {
    super(message);
    this.name = "PermissionRuleError";
    Object.defineProperty(this, Symbol.for("axion.error.PermissionRuleError"), { value: true });
  }

  static isInstance(value: unknown): value is PermissionRuleError {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[Symbol.for("axion.error.PermissionRuleError")] === true
    );
  }
}

interface TaggedRule extends PermissionRule {
  origin: string;
}

function parseRules(rules: readonly string[] | undefined, origin: string): TaggedRule[] {
  return (rules ?? []).map((text) => {
    try {
      return { ...parsePermissionRule(text), origin };
    } catch (error) {
      throw new PermissionRuleError(`${origin}: ${(error as Error).message}`);
    }
  });
}

function stringField(input: unknown, ...names: string[]): string | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  for (const name of names) {
    const value = (input as Record<string, unknown>)[name];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

const PATH_TOOLS = new Set(["Read", "Write", "Edit", "MultiEdit", "NotebookEdit", "Glob", "Grep", "LS"]);
const EDIT_TOOLS = new Set(["Write", "Edit", "MultiEdit", "NotebookEdit"]);

function preview(text: string, limit = 120): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > limit ? `${oneLine.slice(0, limit - 1)}…` : oneLine;
}

interface Evaluation {
  decision: PermissionDecision;
  trace: string[];
  target: RuleTarget;
}

/** Everything about a request that rules and checks compare with, worked out once. */
interface Subject extends RuleTarget {
  /** The paths as the tool input spelled them (for messages), parallel to `paths`. */
  written: string[];
  /** Set when the bash parser could not be loaded. */
  parserError?: string | undefined;
}

/** A check that turns what would be allowed into a question (or a denial in read-only). */
interface Pending {
  step: "workspace" | "protected-path";
  reason: string;
  trace: string;
}

/**
 * Decides whether a tool call may run, must be asked about, or is denied. The order (first match wins):
 * 1. deny rules (config and `--disallowedTools`) deny in every mode; paths match as given or as real paths;
 * 2. with `--allowedTools`, a tool it does not match is denied;
 * 3. an `ask` rule asks; a Bash line the parser cannot decide asks when Bash deny or ask rules exist;
 * 4. the built-in guard asks, unless a config allow rule names the command;
 * 5. below danger-full-access and allow: a file tool's path outside the workspace is denied; writing a protected
 *    path (`.claude/**`, `.git/**`, shell rc files…) asks unless an allow rule names the path, and a Bash write
 *    target outside the workspace (or one that cannot be resolved) asks — both deny where the mode denies;
 * 6. a config allow rule, or an "always" approval of this session, allows — except above read-only in read-only mode;
 * 7. the mode: allow/danger-full-access allow; workspace-write asks for danger-full-access tools; read-only denies
 *    anything above read-only (but allows Bash that runs in the read-only sandbox); prompt asks for anything above
 *    read-only.
 * Bash commands are parsed (tree-sitter-bash, loaded on the first Bash check), so `decide` and `explain` are async.
 */
export class PermissionPolicy {
  mode: PermissionMode;
  readonly cwd: string;
  private readonly home: string;
  private readonly roots: string[];
  private readonly homes: string[];
  private readonly allowRules: TaggedRule[];
  private readonly denyRules: TaggedRule[];
  private readonly askRules: TaggedRule[];
  private readonly allowedTools: TaggedRule[] | undefined;
  private readonly bashSandbox: (() => "read-only" | "workspace-write" | undefined) | undefined;
  private readonly sessionApprovals = new Set<string>();

  constructor(options: PermissionPolicyOptions) {
    this.mode = options.mode;
    this.cwd = resolve(options.cwd);
    this.home = resolve(options.home ?? homedir());
    this.roots = withRealPath(this.cwd);
    this.homes = withRealPath(this.home);
    this.allowRules = parseRules(options.allow, "permissions.allow");
    this.askRules = parseRules(options.ask, "permissions.ask");
    this.denyRules = [...parseRules(options.deny, "permissions.deny"), ...parseRules(options.disallowedTools, "--disallowedTools")];
    this.allowedTools = options.allowedTools === undefined ? undefined : parseRules(options.allowedTools, "--allowedTools");
    this.bashSandbox = options.bashSandbox;
  }

  /** Remembers an "always" answer for this session: the tool, or only this subject of it (a Bash command). */
  rememberAlways(toolName: string, subject?: string): void {
    this.sessionApprovals.add(subject === undefined ? toolName : `${toolName}\u0000${subject}`);
  }

  /**
   * Whether the tool should be offered to the model at all: false when `--allowedTools` names no rule for it or a
   * deny rule without a specifier names it.
   */
  isToolAvailable(toolName: string): boolean {
    if (this.denyRules.some((rule) => rule.content === undefined && ruleNamesTool(rule, toolName))) return false;
    if (this.allowedTools === undefined) return true;
    return this.allowedTools.some((rule) => ruleNamesTool(rule, toolName));
  }

  /**
   * Whether a deny rule covers `absolutePath` for `toolName` (`Read(./secrets/**)` for Read/Grep/Glob), comparing
   * the path as given and its real path. Grep and Glob use it to leave denied files out of their results.
   */
  deniesPath(toolName: string, absolutePath: string): boolean {
    const path = resolve(this.cwd, absolutePath);
    let real: string;
    try {
      real = realPathSyncOf(path);
    } catch {
      real = path;
    }
    const target: RuleTarget = { toolName, subject: path, paths: [path], realPaths: [real], roots: this.roots, home: this.home };
    return this.denyRules.some((rule) => rule.content !== undefined && ruleMatches(rule, target));
  }

  async decide(request: PermissionRequest): Promise<PermissionDecision> {
    return (await this.evaluate(request)).decision;
  }

  /** A few lines saying how each step of the decision order went for this call (for `/permissions why`). */
  async explain(request: PermissionRequest): Promise<string> {
    const { decision, trace, target } = await this.evaluate(request);
    const commands = target.analysis?.commands.map((command) => command.argv.join(" ")) ?? [];
    const lines = [
      `${request.toolName} requires ${request.requiredPermission}; mode is ${this.mode}`,
      ...(target.subject === undefined ? [] : [`subject: ${preview(target.subject)}`]),
      ...(commands.length > 1 || (commands.length === 1 && commands[0] !== target.subject?.trim())
        ? [`commands: ${preview(commands.join(" ; "), 200)}`]
        : []),
      ...trace,
      `decision: ${decision.behavior} — ${decision.reason}`,
    ];
    return lines.join("\n");
  }

  private async targetOf(request: PermissionRequest): Promise<Subject> {
    const subject =
      request.subject ??
      (request.toolName === "Bash"
        ? stringField(request.input, "command")
        : request.toolName === "WebFetch"
          ? stringField(request.input, "url")
          : stringField(request.input, "file_path", "notebook_path", "path"));
    let paths = request.paths;
    let written: string[] = [];
    const inputPath = stringField(request.input, "file_path", "notebook_path", "path");
    if (PATH_TOOLS.has(request.toolName)) {
      if (paths === undefined) {
        const path = request.subject ?? inputPath;
        paths = [path === undefined ? this.cwd : this.absolute(path)];
        written = [path ?? "."];
      } else written = paths.map((path) => (paths?.length === 1 && inputPath !== undefined && this.absolute(inputPath) === path ? inputPath : path));
    }
    paths ??= [];
    const realPaths = await Promise.all(paths.map((path) => realPathOf(path).catch(() => path)));
    let analysis: ShellAnalysis | undefined;
    let parserError: string | undefined;
    if (request.toolName === "Bash" && subject !== undefined) {
      try {
        analysis = await analyzeShellCommand(subject, { cwd: this.cwd, home: this.home });
      } catch (error) {
        // fail closed: a line nobody could read is undecidable, and without the guard it is asked about
        parserError = (error as Error).message;
        analysis = { command: subject, commands: [], writeTargets: [], undecidable: [parserError], parseError: true };
      }
    }
    return { toolName: request.toolName, subject, paths, realPaths, written, analysis, parserError, roots: this.roots, home: this.home };
  }

  private absolute(path: string): string {
    if (path === "~") return this.home;
    return resolve(this.cwd, path.startsWith("~/") ? `${this.home}${path.slice(1)}` : path);
  }

  private async evaluate(request: PermissionRequest): Promise<Evaluation> {
    const trace: string[] = [];
    const target = await this.targetOf(request);
    const tool = request.toolName;
    const done = (decision: PermissionDecision): Evaluation => ({ decision, trace, target });
    const analysis = target.analysis;

    const denied = this.denyRules.find((rule) => ruleMatches(rule, target));
    if (denied !== undefined) {
      trace.push(`1. deny rules: '${denied.text}' (${denied.origin}) matches`);
      return done({ behavior: "deny", reason: `Tool '${tool}' is denied by the rule '${denied.text}' in ${denied.origin}`, rule: denied.text, step: "deny-rule" });
    }
    trace.push(`1. deny rules: ${this.denyRules.length === 0 ? "none" : "no match"}`);

    if (this.allowedTools === undefined) trace.push("2. --allowedTools: not given");
    else {
      const listed = allowingRules(this.allowedTools, target);
      if (listed === undefined) {
        trace.push("2. --allowedTools: no entry matches");
        return done({ behavior: "deny", reason: `Tool '${tool}' is not in --allowedTools`, step: "allowed-tools" });
      }
      trace.push(`2. --allowedTools: '${listed.map((rule) => rule.text).join("', '")}' matches (does not raise the mode)`);
    }

    const asked = this.askRules.find((rule) => ruleMatches(rule, target));
    if (asked !== undefined) {
      trace.push(`3. ask rules: '${asked.text}' matches`);
      return done({ behavior: "ask", reason: `Tool '${tool}' matches the ask rule '${asked.text}'`, rule: asked.text, step: "ask-rule" });
    }
    trace.push(`3. ask rules: ${this.askRules.length === 0 ? "none" : "no match"}`);

    if (target.parserError !== undefined) {
      trace.push(`3. undecidable: ${target.parserError}`);
      return done({ behavior: "ask", reason: `Command '${preview(target.subject ?? "")}' cannot be checked: ${target.parserError}`, step: "undecidable" });
    }
    if (analysis !== undefined && analysis.undecidable.length > 0) {
      const why = analysis.undecidable[0] ?? "";
      const rule = [...this.denyRules, ...this.askRules].find((candidate) => candidate.content !== undefined && ruleNamesTool(candidate, "Bash"));
      if (rule !== undefined) {
        trace.push(`3. undecidable: ${why}; the rule '${rule.text}' cannot be checked`);
        return done({
          behavior: "ask",
          reason: `Command '${preview(analysis.command)}' cannot be checked against the rule '${rule.text}': ${why}`,
          rule: rule.text,
          step: "undecidable",
        });
      }
      trace.push(`3. undecidable: ${why}; no allow rule with a specifier can allow it`);
    }

    const guard = analysis === undefined ? undefined : findDangerousCommand(analysis, { cwd: this.cwd, home: this.home });
    if (guard !== undefined) {
      const exempting = allowingRules(this.allowRules, target, true);
      if (exempting === undefined) {
        trace.push(`4. guard: '${guard.guard}' (${guard.description}); no allow rule names the command`);
        return done({
          behavior: "ask",
          reason: `Command '${preview(guard.command)}' needs explicit approval (guard: ${guard.description})`,
          step: "guard",
          guard,
        });
      }
      trace.push(`4. guard: '${guard.guard}' waived by the allow rule '${exempting.map((rule) => rule.text).join("', '")}'`);
    } else trace.push("4. guard: no guarded operation");

    let pending: Pending | undefined;
    if (this.mode === "danger-full-access" || this.mode === "allow") trace.push(`5. workspace: not checked in ${this.mode}`);
    else {
      const outside = await this.outsideWorkspace(request, target);
      if (outside !== undefined) {
        trace.push(`5. workspace: ${outside}`);
        return done({ behavior: "deny", reason: outside, step: "workspace" });
      }
      pending = await this.pendingCheck(request, target);
      trace.push(`5. workspace: ${pending === undefined ? "every path stays inside the workspace and none is protected" : pending.trace}`);
    }

    const sandboxed = tool === "Bash" && this.mode === "read-only" && this.bashSandbox?.() === "read-only";
    const ceiling = this.mode === "read-only" && request.requiredPermission !== "read-only" && !sandboxed;
    const allowed = allowingRules(this.allowRules, target);
    const approved = this.sessionApprovals.has(tool) || (target.subject !== undefined && this.sessionApprovals.has(`${tool}\u0000${target.subject}`));
    let decision: PermissionDecision | undefined;
    if (allowed !== undefined || approved) {
      const what = allowed === undefined ? "an \"always\" approval of this session" : `the allow rule '${allowed.map((rule) => rule.text).join("', '")}'`;
      if (!ceiling) {
        trace.push(`6. allow rules: ${what} matches`);
        decision = {
          behavior: "allow",
          reason: `Tool '${tool}' is allowed by ${what}`,
          ...(allowed === undefined ? {} : { rule: allowed.map((rule) => rule.text).join(", ") }),
          step: allowed === undefined ? "session-approval" : "allow-rule",
        };
      } else trace.push(`6. allow rules: ${what} matches, but read-only is a hard ceiling`);
    } else trace.push(`6. allow rules: ${this.allowRules.length === 0 ? "none" : "no match"}`);

    decision ??= this.modeDecision(request, trace, sandboxed);
    if (pending === undefined || decision.behavior === "deny") return done(decision);
    if (this.mode === "read-only" && pending.step === "protected-path") return done({ behavior: "deny", reason: pending.reason, step: pending.step });
    return done({ behavior: "ask", reason: pending.reason, step: pending.step });
  }

  /** A file tool's path outside the real workspace root: the message the dispatcher gives for it. */
  private async outsideWorkspace(request: PermissionRequest, target: Subject): Promise<string | undefined> {
    if (!PATH_TOOLS.has(request.toolName)) return undefined;
    const access = EDIT_TOOLS.has(request.toolName) ? "write" : "read";
    for (const [index, path] of target.paths.entries()) {
      try {
        await resolveWorkspacePath(this.cwd, target.written[index] ?? path, this.mode, access);
      } catch (error) {
        if (ToolError.isInstance(error)) return error.message;
        throw error;
      }
    }
    return undefined;
  }

  /** Protected paths written (by an edit tool or a Bash write target), then Bash write targets outside the workspace. */
  private async pendingCheck(request: PermissionRequest, target: Subject): Promise<Pending | undefined> {
    const writes: { path: string; real: string; shown: string }[] = [];
    if (EDIT_TOOLS.has(request.toolName)) {
      target.paths.forEach((path, index) => writes.push({ path, real: target.realPaths?.[index] ?? path, shown: target.written[index] ?? path }));
    }
    const bashTargets = target.analysis?.writeTargets ?? [];
    const outside: string[] = [];
    const realRoot = await realPathOf(this.cwd);
    for (const write of bashTargets) {
      if (write.path === undefined) {
        outside.push(`${write.text} (written by ${write.via}; its path cannot be known statically)`);
        continue;
      }
      const real = await realPathOf(write.path).catch(() => write.path as string);
      writes.push({ path: write.path, real, shown: write.text });
      if (!isInside(realRoot, real)) outside.push(`${write.text} (${real})`);
    }
    for (const write of writes) {
      const found = protectedPathOf([write.path, write.real], this.roots, this.homes);
      if (found === undefined || this.waivesProtection(write.path, write.real)) continue;
      return { step: "protected-path", reason: protectedReason(found), trace: `${found.display} is a protected path` };
    }
    if (outside.length > 0) {
      const listed = outside.join(", ");
      return {
        step: "workspace",
        reason: `Command '${preview(target.subject ?? "")}' writes outside the workspace ${realRoot}: ${listed}`,
        trace: `writes outside the workspace: ${listed}`,
      };
    }
    return undefined;
  }

  /** An allow rule whose specifier names the path (`Edit(.claude/**)`) waives the protected-path question. */
  private waivesProtection(path: string, real: string): boolean {
    const target: RuleTarget = { toolName: "Write", subject: path, paths: [path], realPaths: [real], roots: this.roots, home: this.home };
    return this.allowRules.some((rule) => rule.content !== undefined && ruleMatches(rule, target, false));
  }

  private modeDecision(request: PermissionRequest, trace: string[], sandboxed: boolean): PermissionDecision {
    const { toolName, requiredPermission: required } = request;
    const short = `Tool '${toolName}' requires ${required} permission; current mode is ${this.mode}`;
    if (modeGrants(this.mode, required)) {
      trace.push(`7. mode: ${this.mode} grants ${required}`);
      return { behavior: "allow", reason: `Mode ${this.mode} grants ${required} tools`, step: "mode" };
    }
    if (sandboxed) {
      trace.push("7. mode: read-only allows Bash in the read-only sandbox");
      return { behavior: "allow", reason: `Tool '${toolName}' runs in the read-only sandbox`, step: "mode" };
    }
    if (this.mode === "read-only") {
      trace.push(`7. mode: read-only denies ${required} tools`);
      return { behavior: "deny", reason: short, step: "mode" };
    }
    trace.push(`7. mode: ${this.mode} asks for ${required} tools`);
    return { behavior: "ask", reason: short, step: "mode" };
  }
}

function withRealPath(path: string): string[] {
  try {
    const real = realpathSync(path);
    return real === path ? [path] : [path, real];
  } catch {
    // A path that does not exist yet has no other spelling.
    return [path];
  }
}

/** One line: the path, why it is protected, and how to allow it. */
function protectedReason(found: ProtectedPath): string {
  return `Writing ${found.display} needs approval: it is a protected path (${found.why}); approve it, or add "${found.rule}" to permissions.allow`;
}
