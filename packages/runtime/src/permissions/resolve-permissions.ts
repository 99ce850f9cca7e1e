import type { PermissionPolicy, PermissionRequest } from "./permission-policy.js";
import type { PermissionPrompter } from "./permission-prompter.js";

export interface PermissionResolution {
  allowed: boolean;
  reason: string;
}

export interface ResolvePermissionsOptions {
  signal?: AbortSignal | undefined;
  /** Ask even when the policy allows (a PreToolUse hook answered "ask"); denials still deny. */
  forceAsk?: boolean | undefined;
  forceAskReason?: string | undefined;
  /** A PreToolUse hook allowed the call: what the policy would ask becomes allowed; denials still deny. */
  preApproved?: boolean | undefined;
}

export const DENIED_BY_USER = "Permission denied: denied by user approval prompt";
export const NO_ANSWER = "Permission denied: no answer to the approval prompt";

/**
 * The whole permission flow for one call: the policy decides; "ask" goes to the prompter when there is one (a TTY
 * or a usable pipe); "always" is remembered for the session (a Bash call by its command, other tools as a whole).
 * Without a prompter an "ask" is denied with `<reason> (no approval prompt available)`.
 *
 * `interactive` says whether a person sits at the terminal; it does not widen anything: a piped prompter is asked
 * just the same, and read-only stays a hard ceiling either way.
 */
export async function resolvePermissions(
  request: PermissionRequest,
  policy: PermissionPolicy,
  prompter: PermissionPrompter | undefined,
  interactive: boolean,
  options: ResolvePermissionsOptions = {},
): Promise<PermissionResolution> {
  void interactive;
  const decision = await policy.decide(request);
  if (decision.behavior === "deny") return { allowed: false, reason: decision.reason };
  if (options.preApproved === true && options.forceAsk !== true) return { allowed: true, reason: "Allowed by a PreToolUse hook" };
  let reason = decision.reason;
  if (decision.behavior === "allow") {
    if (options.forceAsk !== true) return { allowed: true, reason: decision.reason };
    reason = options.forceAskReason ?? `A PreToolUse hook asks for approval of '${request.toolName}'`;
  }
  if (prompter === undefined) return { allowed: false, reason: `${reason} (no approval prompt available)` };
  const answer = await prompter.ask({ ...request, currentMode: policy.mode }, reason, options.signal);
  switch (answer) {
    case "once":
      return { allowed: true, reason: "Approved once by the user" };
    case "always": {
      const subject = request.toolName === "Bash" ? (request.subject ?? commandOf(request.input)) : undefined;
      policy.rememberAlways(request.toolName, subject);
      return { allowed: true, reason: "Approved by the user for this session" };
    }
    case "no-answer":
      return { allowed: false, reason: NO_ANSWER };
    default:
      return { allowed: false, reason: DENIED_BY_USER };
  }
}

function commandOf(input: unknown): string | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const command = (input as Record<string, unknown>).command;
  return typeof command === "string" ? command : undefined;
}

/** The permission step as the tool dispatcher calls it (`check(request, { forceAsk, signal })`). */
export interface PermissionGateAdapter {
  check(
    request: PermissionRequest,
    options: { forceAsk: boolean; preApproved?: boolean | undefined; signal: AbortSignal },
  ): Promise<PermissionResolution>;
}

/** Binds a policy and a prompter into the dispatcher's permission step. */
export function createPermissionGate(options: {
  policy: PermissionPolicy;
  prompter?: PermissionPrompter | undefined;
  interactive: boolean;
}): PermissionGateAdapter {
  return {
    check(request, { forceAsk, preApproved, signal }) {
      return resolvePermissions(request, options.policy, options.prompter, options.interactive, { forceAsk, preApproved, signal });
    },
  };
}
