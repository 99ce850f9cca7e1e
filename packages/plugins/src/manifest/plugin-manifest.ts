import { z } from "zod";
import { firstIssue, readableIssueMessages } from "../issue-path.js";

/** The permission a plugin tool needs to run without asking. */
export const PLUGIN_TOOL_PERMISSIONS = ["read-only", "workspace-write", "danger-full-access"] as const;
export type PluginToolPermission = (typeof PLUGIN_TOOL_PERMISSIONS)[number];

/** One string or a list of strings; a single string is kept as a one-element list. */
const stringList = (itemMessage: string) =>
  z.preprocess((value) => (typeof value === "string" ? [value] : value), z.array(z.string().min(1, itemMessage)));

const toolNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected 1 to 64 letters, digits, "_" or "-"');

export const pluginToolManifestSchema = z.looseObject({
  name: toolNameSchema,
  description: z.string().min(1, "expected a non-empty description"),
  inputSchema: z.looseObject({
    type: z.literal("object"),
    properties: z.record(z.string(), z.unknown()).optional(),
    required: z.array(z.string()).optional(),
  }),
  /** A path relative to the plugin root (`./tools/run.sh`), an absolute path, or a command found on PATH. */
  command: z.string().min(1, "expected a non-empty command"),
  args: z.array(z.string()).optional(),
  requiredPermission: z.enum(PLUGIN_TOOL_PERMISSIONS).default("workspace-write"),
  timeoutMs: z.number().int("expected whole milliseconds").positive("expected a positive number of milliseconds").optional(),
});

const authorSchema = z.union([
  z.string(),
  z.looseObject({ name: z.string(), email: z.string().optional(), url: z.string().optional() }),
]);

export const pluginManifestSchema = z.looseObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected letters, digits, ".", "_" or "-" (no spaces, "/" or "@")'),
  version: z.string().optional(),
  description: z.string().optional(),
  author: authorSchema.optional(),
  defaultEnabled: z.boolean().default(true),
  tools: z.array(pluginToolManifestSchema).default([]),
  /** Inline Claude Code hooks, or a path (relative to the plugin root) to a hooks JSON file. */
  hooks: z.unknown().optional(),
  lifecycle: z
    .looseObject({
      init: stringList("expected a non-empty command").optional(),
      shutdown: stringList("expected a non-empty command").optional(),
    })
    .optional(),
  /** Extra folders or files, relative to the plugin root, added to `commands/`, `agents/`, `skills/`. */
  commands: stringList("expected a non-empty path").optional(),
  agents: stringList("expected a non-empty path").optional(),
  skills: stringList("expected a non-empty path").optional(),
  /** Inline MCP server configs, or a path (relative to the plugin root) to an `.mcp.json`-style file. */
  mcpServers: z.unknown().optional(),
});

export type PluginManifest = z.output<typeof pluginManifestSchema>;
export type PluginToolManifest = z.output<typeof pluginToolManifestSchema>;

export type ManifestParseResult =
  | { ok: true; manifest: PluginManifest }
  | { ok: false; field: string; message: string; line?: number };

/**
 * Parses and validates manifest text. Unknown fields are kept. Old manifests spelling the lifecycle keys
 * `Init`/`Shutdown` are accepted.
 */
export function parsePluginManifest(text: string): ManifestParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, field: "", ...describeJsonError(text, error) };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, field: "", message: "expected a JSON object" };
  }
  const parsed = pluginManifestSchema.safeParse(normaliseLegacyKeys(raw as Record<string, unknown>), {
    error: readableIssueMessages,
  });
  if (!parsed.success) return { ok: false, ...firstIssue(parsed.error) };
  const duplicate = firstDuplicate(parsed.data.tools.map((tool) => tool.name));
  if (duplicate !== undefined) {
    return { ok: false, field: `tools[${duplicate.index}].name`, message: `tool "${duplicate.name}" is declared twice` };
  }
  return { ok: true, manifest: parsed.data };
}

function normaliseLegacyKeys(raw: Record<string, unknown>): Record<string, unknown> {
  const lifecycle = raw["lifecycle"];
  if (typeof lifecycle !== "object" || lifecycle === null || Array.isArray(lifecycle)) return raw;
  const copy: Record<string, unknown> = { ...(lifecycle as Record<string, unknown>) };
  for (const [legacy, modern] of [["Init", "init"], ["Shutdown", "shutdown"]] as const) {
    if (copy[legacy] !== undefined && copy[modern] === undefined) {
      copy[modern] = copy[legacy];
      delete copy[legacy];
    }
  }
  return { ...raw, lifecycle: copy };
}

function firstDuplicate(names: string[]): { name: string; index: number } | undefined {
  const seen = new Set<string>();
  for (const [index, name] of names.entries()) {
    if (seen.has(name)) return { name, index };
    seen.add(name);
  }
  return undefined;
}

/** `invalid JSON: Unexpected token …` with the 1-based line of the failure when the parser gives a position. */
export function describeJsonError(text: string, error: unknown): { message: string; line?: number } {
  const detail = error instanceof Error ? error.message : String(error);
  const lineMatch = /\(line (\d+) column \d+\)/.exec(detail);
  if (lineMatch?.[1] !== undefined) return { message: `invalid JSON: ${detail}`, line: Number(lineMatch[1]) };
  const positionMatch = /at position (\d+)/.exec(detail);
  if (positionMatch?.[1] !== undefined) {
    const line = text.slice(0, Number(positionMatch[1])).split("\n").length;
    return { message: `invalid JSON: ${detail}`, line };
  }
  return { message: `invalid JSON: ${detail}` };
}
