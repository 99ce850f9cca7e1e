import { z } from "zod";
import { hooksConfigSchema } from "../hooks/hooks-config.js";
import type { PermissionMode } from "../permission-mode.js";
import { parsePermissionMode, PERMISSION_MODES } from "../permission-mode.js";
import { parsePermissionRule } from "../permissions/permission-rule.js";
import { sandboxSettingsSchema } from "../sandbox/sandbox-settings.js";

/** Every name `permissions.defaultMode` accepts: axion's modes, then Claude Code's. */
export const PERMISSION_MODE_NAMES: readonly string[] = [
  ...PERMISSION_MODES,
  "default",
  "acceptEdits",
  "plan",
  "bypassPermissions",
  "dontAsk",
];

/** Accepts an axion or Claude Code mode name and yields the axion mode. */
const permissionModeSchema = z
  .string()
  .transform((value, context): PermissionMode => {
    const mode = parsePermissionMode(value);
    if (mode === undefined) {
      context.addIssue({
        code: "custom",
        message: `expected one of ${PERMISSION_MODE_NAMES.join(", ")}; got "${value}"`,
      });
      return z.NEVER;
    }
    return mode;
  });

const ruleSchema = z.string().superRefine((value, context) => {
  try {
    parsePermissionRule(value);
  } catch (error) {
    context.addIssue({ code: "custom", message: (error as Error).message });
  }
});

const ruleListSchema = z.array(ruleSchema);

export const permissionsSettingsSchema = z.looseObject({
  /** Normalised to an axion mode name (`plan` becomes `read-only`, …). */
  defaultMode: permissionModeSchema.optional(),
  allow: ruleListSchema.optional(),
  deny: ruleListSchema.optional(),
  ask: ruleListSchema.optional(),
  additionalDirectories: z.array(z.string().min(1)).optional(),
});

/**
 * The settings keys axion reads. Unknown keys pass through untouched and stay in the merged view, so Claude Code
 * settings files load as they are.
 */
export const settingsSchema = z.looseObject({
  model: z.string().min(1, "expected a model name").optional(),
  permissions: permissionsSettingsSchema.optional(),
  hooks: hooksConfigSchema.optional(),
  /** Server name → server config; the MCP layer validates each entry. */
  mcpServers: z.record(z.string(), z.looseObject({})).optional(),
  /** `"name@marketplace": true|false`. */
  enabledPlugins: z.record(z.string(), z.boolean()).optional(),
  plugins: z
    .looseObject({
      externalDirectories: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  /** Applied to the environment of tools and hooks. */
  env: z.record(z.string(), z.string()).optional(),
  maxTurns: z.number().int().positive().optional(),
  outputStyle: z.string().optional(),
  /** Claude Code's key; accepted and ignored. */
  apiKeyHelper: z.string().optional(),
  /** Bubblewrap sandbox for commands: `enabled` (default true), `network` (default false), `writable` paths. */
  sandbox: sandboxSettingsSchema.optional(),
});

export type Settings = z.output<typeof settingsSchema>;
export type PermissionsSettings = z.output<typeof permissionsSettingsSchema>;
/** What a settings source may hold before validation (e.g. the object of flags the CLI passes). */
export type SettingsInput = z.input<typeof settingsSchema>;
