import { z } from "zod";
import { expandPluginRoot } from "../expand-plugin-root.js";
import { firstIssue, readableIssueMessages } from "../issue-path.js";

/** One hook: `{ type: "command", command, timeout? }`; other Claude Code types are kept for the runner to report. */
export interface PluginHookCommand {
  type: string;
  command?: string;
  /** Seconds. */
  timeout?: number;
  [key: string]: unknown;
}

export interface PluginHookMatcherGroup {
  matcher?: string;
  hooks: PluginHookCommand[];
  [key: string]: unknown;
}

/** Claude Code's hooks shape: event name → matcher groups → commands. */
export type PluginHooksConfig = Record<string, PluginHookMatcherGroup[]>;

const hookCommandSchema = z
  .looseObject({
    type: z.string().min(1, 'expected a hook type such as "command"'),
    command: z.string().min(1, "expected a non-empty command").optional(),
    timeout: z.number().positive("expected a positive number of seconds").optional(),
  })
  .superRefine((value, context) => {
    if (value.type === "command" && value.command === undefined) {
      context.addIssue({ code: "custom", path: ["command"], message: 'expected a command for a hook of type "command"' });
    }
  });

const matcherGroupSchema = z.looseObject({
  matcher: z.string().optional(),
  hooks: z.array(hookCommandSchema),
});

const hooksConfigSchema = z.record(z.string(), z.array(matcherGroupSchema));

/** A plain command string is shorthand for a group without matcher holding that one command. */
function expandShorthand(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [event, groups] of Object.entries(value)) {
    result[event] = Array.isArray(groups)
      ? groups.map((group: unknown) => (typeof group === "string" ? { hooks: [{ type: "command", command: group }] } : group))
      : groups;
  }
  return result;
}

/** Lower-camel event names of older manifests (`preToolUse`) map to Claude Code's (`PreToolUse`). */
function eventName(name: string): string {
  return name.length > 0 ? name[0]!.toUpperCase() + name.slice(1) : name;
}

export type HooksParseResult = { ok: true; hooks: PluginHooksConfig } | { ok: false; field: string; message: string };

/**
 * Validates a hooks value (inline in a manifest or read from `hooks/hooks.json`) and expands
 * `${CLAUDE_PLUGIN_ROOT}` / `${AXION_PLUGIN_ROOT}` in every command. A `hooks.json` may wrap the events as
 * `{ "description": …, "hooks": { … } }`; `fieldPrefix` names where the value sits in its file.
 */
export function parsePluginHooks(raw: unknown, root: string, fieldPrefix: string): HooksParseResult {
  let value = raw;
  let prefix = fieldPrefix;
  if (isRecord(value) && isRecord(value["hooks"])) {
    value = value["hooks"];
    prefix = prefix === "" ? "hooks" : `${prefix}.hooks`;
  }
  const parsed = hooksConfigSchema.safeParse(expandShorthand(value), { error: readableIssueMessages });
  if (!parsed.success) return { ok: false, ...firstIssue(parsed.error, prefix) };
  const hooks: PluginHooksConfig = {};
  for (const [name, groups] of Object.entries(parsed.data)) {
    const event = eventName(name);
    const target = (hooks[event] ??= []);
    for (const group of groups) {
      target.push({
        ...group,
        hooks: group.hooks.map((hook) =>
          hook.command === undefined ? { ...hook } : { ...hook, command: expandPluginRoot(hook.command, root) },
        ),
      } as PluginHookMatcherGroup);
    }
  }
  return { ok: true, hooks };
}

/** Appends the groups of `addition` to `target`, event by event. */
export function mergePluginHooks(target: PluginHooksConfig, addition: PluginHooksConfig): void {
  for (const [event, groups] of Object.entries(addition)) (target[event] ??= []).push(...groups);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
