import { z } from "zod";
import { expandEnvReferences, McpConfigError } from "./expand-env.js";

/** Options shared by every transport type. */
interface McpServerCommon {
  /** The key under `mcpServers`. */
  name: string;
  /** Where the entry came from (a file path or "flags"). */
  origin: string;
  /** Per-server tool-call timeout; the manager default applies when absent. */
  toolCallTimeoutMs?: number;
  /** Per-server start-up timeout; the manager default applies when absent. */
  startupTimeoutMs?: number;
  /** A disabled server is listed with status `disabled` and never started. */
  disabled?: boolean;
}

export interface McpStdioServerConfig extends McpServerCommon {
  type: "stdio";
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

export interface McpOAuthConfig {
  /** A pre-registered client id; without it the client registers itself dynamically. */
  clientId?: string;
  clientSecret?: string;
  /** Fixed port of the local redirect listener (random when absent). */
  callbackPort?: number;
  scopes?: string[];
}

export interface McpRemoteServerConfig extends McpServerCommon {
  /** `http` is streamable HTTP with a fallback to the older SSE transport; `sse` is SSE only. */
  type: "http" | "sse";
  url: string;
  headers: Record<string, string>;
  oauth?: McpOAuthConfig;
}

export type McpServerConfig = McpStdioServerConfig | McpRemoteServerConfig;

/** One place `mcpServers` was read from: a settings file, a project `.mcp.json`, flags. */
export interface McpServersSource {
  origin: string;
  servers: unknown;
}

export interface McpServerConfigError {
  server: string;
  origin: string;
  message: string;
}

export interface ParsedMcpServers {
  servers: McpServerConfig[];
  errors: McpServerConfigError[];
}

const timeoutSchema = z.number().int().positive().max(24 * 60 * 60 * 1000);
const stringMap = z.record(z.string(), z.string());

const commonShape = {
  toolCallTimeoutMs: timeoutSchema.optional(),
  startupTimeoutMs: timeoutSchema.optional(),
  disabled: z.boolean().optional(),
};

const stdioSchema = z.strictObject({
  type: z.literal("stdio").optional(),
  command: z.string().min(1, "expected a non-empty command"),
  args: z.array(z.string()).optional(),
  env: stringMap.optional(),
  cwd: z.string().min(1).optional(),
  ...commonShape,
});

const oauthSchema = z.strictObject({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  callbackPort: z.number().int().min(1).max(65535).optional(),
  scopes: z.array(z.string()).optional(),
});

const remoteSchema = z.strictObject({
  type: z.enum(["http", "sse"]),
  url: z.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL" }),
  headers: stringMap.optional(),
  oauth: oauthSchema.optional(),
  ...commonShape,
});

const SUPPORTED_TYPES = ["stdio", "http", "sse"];

/**
 * Reads `mcpServers` objects (Claude-Code compatible) from several sources. A later source wins for the same
 * server name. Strings are `${VAR}` / `${VAR:-default}` expanded from `env`. A bad entry becomes an error naming
 * the server and the source; the other entries are still returned.
 */
export function parseMcpServers(
  sources: readonly McpServersSource[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedMcpServers {
  const byName = new Map<string, McpServerConfig>();
  const errors: McpServerConfigError[] = [];
  for (const source of sources) {
    if (source.servers === undefined || source.servers === null) continue;
    if (typeof source.servers !== "object" || Array.isArray(source.servers)) {
      errors.push({ server: "", origin: source.origin, message: "mcpServers: expected an object of server name to server config" });
      continue;
    }
    for (const [name, raw] of Object.entries(source.servers as Record<string, unknown>)) {
      const result = parseMcpServerEntry(name, raw, source.origin, env);
      if ("message" in result) {
        errors.push(result);
        byName.delete(name);
      } else {
        byName.delete(name);
        byName.set(name, result);
      }
    }
  }
  return { servers: [...byName.values()], errors };
}

function parseMcpServerEntry(
  name: string,
  raw: unknown,
  origin: string,
  env: Readonly<Record<string, string | undefined>>,
): McpServerConfig | McpServerConfigError {
  const where = `mcpServers.${name}`;
  const fail = (message: string): McpServerConfigError => ({ server: name, origin, message });
  if (name.trim().length === 0) return fail(`${where}: server name must not be empty`);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return fail(`${where}: expected an object`);
  const entry = raw as Record<string, unknown>;
  const type = entry["type"] ?? (entry["command"] !== undefined ? "stdio" : entry["url"] !== undefined ? "http" : undefined);
  if (type === undefined) return fail(`${where}: needs "command" (stdio) or "type" and "url" (http, sse)`);
  if (typeof type !== "string" || !SUPPORTED_TYPES.includes(type)) {
    return fail(`${where}.type: unsupported transport ${JSON.stringify(type)} (expected one of ${SUPPORTED_TYPES.join(", ")})`);
  }
  let expanded: Record<string, unknown>;
  try {
    expanded = expandStrings(entry, env, where) as Record<string, unknown>;
  } catch (error) {
    if (McpConfigError.isInstance(error)) return fail(error.message);
    throw error;
  }
  if (type === "stdio") {
    const parsed = stdioSchema.safeParse(expanded);
    if (!parsed.success) return fail(describeIssues(where, parsed.error));
    const value = parsed.data;
    return withCommon(
      { name, origin, type: "stdio", command: value.command, args: value.args ?? [], env: value.env ?? {}, ...(value.cwd ? { cwd: value.cwd } : {}) },
      value,
    );
  }
  const parsed = remoteSchema.safeParse({ ...expanded, type });
  if (!parsed.success) return fail(describeIssues(where, parsed.error));
  const value = parsed.data;
  const config: McpRemoteServerConfig = { name, origin, type: value.type, url: value.url, headers: value.headers ?? {} };
  if (value.oauth) config.oauth = stripUndefined(value.oauth);
  return withCommon(config, value);
}

function withCommon<T extends McpServerConfig>(
  config: T,
  value: { toolCallTimeoutMs?: number | undefined; startupTimeoutMs?: number | undefined; disabled?: boolean | undefined },
): T {
  if (value.toolCallTimeoutMs !== undefined) config.toolCallTimeoutMs = value.toolCallTimeoutMs;
  if (value.startupTimeoutMs !== undefined) config.startupTimeoutMs = value.startupTimeoutMs;
  if (value.disabled !== undefined) config.disabled = value.disabled;
  return config;
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

function expandStrings(value: unknown, env: Readonly<Record<string, string | undefined>>, where: string): unknown {
  if (typeof value === "string") return expandEnvReferences(value, env, where);
  if (Array.isArray(value)) return value.map((item, index) => expandStrings(item, env, `${where}[${index}]`));
  if (value !== null && typeof value === "object") {
    const output: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) output[key] = expandStrings(inner, env, `${where}.${key}`);
    return output;
  }
  return value;
}

function describeIssues(where: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === "unrecognized_keys") return `${where}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
      const path = issue.path.length > 0 ? `${where}.${issue.path.map(String).join(".")}` : where;
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}
