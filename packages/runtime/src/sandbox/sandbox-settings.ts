import { z } from "zod";

const writablePathSchema = z.string().refine((value) => value.startsWith("/") || value === "~" || value.startsWith("~/"), {
  error: (issue) => `expected an absolute path or ~/…; got ${JSON.stringify(issue.input)}`,
});

/**
 * The `sandbox` settings key. Claude Code's own keys under `sandbox` pass through untouched; its object form of
 * `network` (proxy ports, unix sockets) is accepted and means "network off" here.
 */
export const sandboxSettingsSchema = z.looseObject({
  /** Run commands under bubblewrap where it works (default true). */
  enabled: z.boolean().optional(),
  /** Let sandboxed commands use the network (default false). */
  network: z.union([z.boolean(), z.looseObject({})]).optional(),
  /** Extra paths writable in workspace-write mode: absolute, or `~/…`. */
  writable: z.array(writablePathSchema).optional(),
});

export type SandboxSettings = z.output<typeof sandboxSettingsSchema>;
