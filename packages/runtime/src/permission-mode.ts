/** How much a session may do without asking. Ordered from least to most. */
export type PermissionMode = "read-only" | "workspace-write" | "danger-full-access" | "prompt" | "allow";

export const PERMISSION_MODES: readonly PermissionMode[] = [
  "read-only",
  "workspace-write",
  "danger-full-access",
  "prompt",
  "allow",
];

/** Claude Code's `permissions.defaultMode` names mapped onto axion modes. */
const CLAUDE_MODE_NAMES: Readonly<Record<string, PermissionMode>> = {
  default: "prompt",
  acceptEdits: "workspace-write",
  plan: "read-only",
  bypassPermissions: "danger-full-access",
  dontAsk: "allow",
};

/** Parses an axion or Claude Code mode name; undefined when it is neither. */
export function parsePermissionMode(value: string): PermissionMode | undefined {
  const trimmed = value.trim();
  if ((PERMISSION_MODES as readonly string[]).includes(trimmed)) return trimmed as PermissionMode;
  return CLAUDE_MODE_NAMES[trimmed];
}

const RANK: Readonly<Record<"read-only" | "workspace-write" | "danger-full-access", number>> = {
  "read-only": 0,
  "workspace-write": 1,
  "danger-full-access": 2,
};

/**
 * True when `current` grants what a tool requiring `required` needs without asking.
 * `allow` grants everything; `prompt` grants only read-only tools (the rest are asked for).
 */
export function modeGrants(current: PermissionMode, required: "read-only" | "workspace-write" | "danger-full-access"): boolean {
  if (current === "allow") return true;
  if (current === "prompt") return required === "read-only";
  return RANK[current] >= RANK[required];
}
