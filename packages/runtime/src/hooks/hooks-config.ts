import { z } from "zod";

/** The hook events axion runs. Settings may name other events (Claude Code has more); they are kept, not run. */
export type HookEvent =
  | "PreToolUse"
  | "PostToolUse"
  | "PostToolUseFailure"
  | "UserPromptSubmit"
  | "SessionStart"
  | "Stop";

export const HOOK_EVENTS: readonly HookEvent[] = [
  "PreToolUse",
  "PostToolUse",
  "PostToolUseFailure",
  "UserPromptSubmit",
  "SessionStart",
  "Stop",
];

/** Events whose matcher is compared with the tool name; the others ignore matchers. */
export const TOOL_HOOK_EVENTS: readonly HookEvent[] = ["PreToolUse", "PostToolUse", "PostToolUseFailure"];

/**
 * One hook command. `type` is `"command"` for everything axion runs; other types (Claude Code's `prompt`) are
 * accepted in settings and reported as unsupported when they would run.
 */
export const hookCommandSchema = z
  .looseObject({
    type: z.string().min(1, "expected a hook type such as \"command\""),
    command: z.string().min(1, "expected a non-empty command").optional(),
    timeout: z.number().positive("expected a positive number of seconds").optional(),
  })
  .superRefine((value, context) => {
    if (value.type === "command" && value.command === undefined) {
      context.addIssue({ code: "custom", path: ["command"], message: "expected a command for a hook of type \"command\"" });
    }
  });

export const hookMatcherGroupSchema = z.looseObject({
  /** Tool name, `A|B` alternatives, a regular expression, `*` or empty for all. */
  matcher: z.string().optional(),
  hooks: z.array(hookCommandSchema),
});

/** Claude Code's `hooks` settings: event name → matcher groups → commands. */
export const hooksConfigSchema = z.record(z.string(), z.array(hookMatcherGroupSchema));

export type HookCommand = z.output<typeof hookCommandSchema>;
export type HookMatcherGroup = z.output<typeof hookMatcherGroupSchema>;
export type HooksConfig = z.output<typeof hooksConfigSchema>;

/** Hooks from another source (a plugin), run alongside the settings hooks. */
export interface HookSource {
  /** Shown in warnings, e.g. `plugin formatter@market`. */
  source: string;
  config: HooksConfig;
}

const SIMPLE_NAMES = /^[A-Za-z0-9_|-]+$/;

/**
 * Whether `matcher` selects `toolName`: missing, empty or `*` select every tool; plain names and `A|B`
 * alternatives compare exactly; anything else is a regular expression that must match the whole name.
 * Throws a SyntaxError for an invalid regular expression.
 */
export function hookMatcherSelects(matcher: string | undefined, toolName: string): boolean {
  const trimmed = matcher?.trim() ?? "";
  if (trimmed === "" || trimmed === "*") return true;
  if (SIMPLE_NAMES.test(trimmed)) return trimmed.split("|").includes(toolName);
  return new RegExp(`^(?:${trimmed})$`).test(toolName);
}
