import { realpathSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";
import type { PermissionMode } from "../permission-mode.js";
import { modeGrants } from "../permission-mode.js";
import type { RequiredPermission } from "../tool-contract.js";
import type { GuardMatch } from "./dangerous-command-guard.js";
import { findDangerousCommand } from "./dangerous-command-guard.js";
import type { PermissionRule, RuleTarget } from "./permission-rule.js";
import { allowingRules, parsePermissionRule, ruleMatches, ruleNamesTool } from "./permission-rule.js";

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
export type PermissionStep = "deny-rule" | "allowed-tools" | "ask-rule" | "guard" | "allow-rule" | "session-approval" | "mode";

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

function preview(text: string, limit = 120): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > limit ? `${oneLine.slice(0, limit - 1)}…` : oneLine;
}

interface Evaluation {
  decision: PermissionDecision;
  trace: string[];
}

/**
 * Decides whether a tool call may run, must be asked about, or is denied. The order (first match wins):
 * 1. deny rules (config and `--disallowedTools`) deny in every mode;
 * 2. with `--allowedTools`, a tool it does not match is denied;
 * 3. an `ask` rule asks;
 * 4. the built-in guard asks, unless a config allow rule names the command;
 * 5. a config allow rule, or an "always" approval of this session, allows — except above read-only in read-only mode;
 * 6. the mode: allow/danger-full-access allow; workspace-write asks for danger-full-access tools; read-only denies
 *    anything above read-only; prompt asks for anything above read-only.
 */
export class PermissionPolicy {
  mode: PermissionMode;
  readonly cwd: string;
  private readonly home: string;
  private readonly roots: string[];
  private readonly allowRules: TaggedRule[];
  private readonly denyRules: TaggedRule[];
  private readonly askRules: TaggedRule[];
  private readonly allowedTools: TaggedRule[] | undefined;
  private readonly sessionApprovals = new Set<string>();

  constructor(options: PermissionPolicyOptions) {
    this.mode = options.mode;
    this.cwd = resolve(options.cwd);
    this.home = resolve(options.home ?? homedir());
    this.roots = [this.cwd];
    try {
      const real = realpathSync(this.cwd);
      if (real !== this.cwd) this.roots.push(real);
    } catch {
      // A workspace that does not exist yet has no other spelling.
    }
    this.allowRules = parseRules(options.allow, "permissions.allow");
    this.askRules = parseRules(options.ask, "permissions.ask");
    this.denyRules = [...parseRules(options.deny, "permissions.deny"), ...parseRules(options.disallowedTools, "--disallowedTools")];
    this.allowedTools = options.allowedTools === undefined ? undefined : parseRules(options.allowedTools, "--allowedTools");
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

  decide(request: PermissionRequest): PermissionDecision {
    return this.evaluate(request).decision;
  }

  /** A few lines saying how each step of the decision order went for this call (for `/permissions why`). */
  explain(request: PermissionRequest): string {
    const { decision, trace } = this.evaluate(request);
    const target = this.targetOf(request);
    const lines = [
      `${request.toolName} requires ${request.requiredPermission}; mode is ${this.mode}`,
      ...(target.subject === undefined ? [] : [`subject: ${preview(target.subject)}`]),
      ...trace,
      `decision: ${decision.behavior} — ${decision.reason}`,
    ];
    return lines.join("\n");
  }

  private targetOf(request: PermissionRequest): RuleTarget {
    const subject =
      request.subject ??
      (request.toolName === "Bash"
        ? stringField(request.input, "command")
        : request.toolName === "WebFetch"
          ? stringField(request.input, "url")
          : stringField(request.input, "file_path", "notebook_path", "path"));
    let paths = request.paths;
    if (paths === undefined && PATH_TOOLS.has(request.toolName)) {
      const path = request.subject ?? stringField(request.input, "file_path", "notebook_path", "path");
      paths = [path === undefined ? this.cwd : resolve(this.cwd, path.startsWith("~/") ? `${this.home}${path.slice(1)}` : path)];
    }
    return { toolName: request.toolName, subject, paths: paths ?? [], roots: this.roots, home: this.home };
  }

  private evaluate(request: PermissionRequest): Evaluation {
    const trace: string[] = [];
    const target = this.targetOf(request);
    const tool = request.toolName;
    const done = (decision: PermissionDecision): Evaluation => ({ decision, trace });

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

    const command = tool === "Bash" ? target.subject : undefined;
    const guard = command === undefined ? undefined : findDangerousCommand(command, { cwd: this.cwd, home: this.home });
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

    const ceiling = this.mode === "read-only" && request.requiredPermission !== "read-only";
    const allowed = allowingRules(this.allowRules, target);
    const approved = this.sessionApprovals.has(tool) || (target.subject !== undefined && this.sessionApprovals.has(`${tool}\u0000${target.subject}`));
    if (allowed !== undefined || approved) {
      const what = allowed === undefined ? "an \"always\" approval of this session" : `the allow rule '${allowed.map((rule) => rule.text).join("', '")}'`;
      if (!ceiling) {
        trace.push(`5. allow rules: ${what} matches`);
        return done({
          behavior: "allow",
          reason: `Tool '${tool}' is allowed by ${what}`,
          ...(allowed === undefined ? {} : { rule: allowed.map((rule) => rule.text).join(", ") }),
          step: allowed === undefined ? "session-approval" : "allow-rule",
        });
      }
      trace.push(`5. allow rules: ${what} matches, but read-only is a hard ceiling`);
    } else trace.push(`5. allow rules: ${this.allowRules.length === 0 ? "none" : "no match"}`);

    return done(this.modeDecision(request, trace));
  }

  private modeDecision(request: PermissionRequest, trace: string[]): PermissionDecision {
    const { toolName, requiredPermission: required } = request;
    const short = `Tool '${toolName}' requires ${required} permission; current mode is ${this.mode}`;
    if (modeGrants(this.mode, required)) {
      trace.push(`6. mode: ${this.mode} grants ${required}`);
      return { behavior: "allow", reason: `Mode ${this.mode} grants ${required} tools`, step: "mode" };
    }
    if (this.mode === "read-only") {
      trace.push(`6. mode: read-only denies ${required} tools`);
      return { behavior: "deny", reason: short, step: "mode" };
    }
    trace.push(`6. mode: ${this.mode} asks for ${required} tools`);
    return { behavior: "ask", reason: short, step: "mode" };
  }
}
