import { z } from "zod";
import { expandPluginRootDeep } from "../expand-plugin-root.js";
import { firstIssue, readableIssueMessages } from "../issue-path.js";

/** Server name → MCP server config, as `.mcp.json` holds it; the MCP layer validates each config. */
export type PluginMcpServers = Record<string, Record<string, unknown>>;

const serverSchema = z.looseObject({
  type: z.string().optional(),
  command: z.string().min(1, "expected a non-empty command").optional(),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  url: z.string().min(1, "expected a non-empty URL").optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

const REMOTE_TYPES = new Set(["http", "sse", "ws", "streamable-http"]);

const serversSchema = z.record(z.string().min(1, "expected a non-empty server name"), serverSchema);

export type McpServersParseResult = { ok: true; servers: PluginMcpServers } | { ok: false; field: string; message: string };

/**
 * Validates MCP server configs (inline in a manifest or read from `.mcp.json`) and expands
 * `${CLAUDE_PLUGIN_ROOT}` / `${AXION_PLUGIN_ROOT}` in every string. `.mcp.json` may hold the servers directly or
 * under `mcpServers`; other `${VAR}` references are left for the MCP layer.
 */
export function parsePluginMcpServers(raw: unknown, root: string, fieldPrefix: string): McpServersParseResult {
  let value = raw;
  let prefix = fieldPrefix;
  if (typeof value === "object" && value !== null && !Array.isArray(value) && "mcpServers" in value) {
    value = (value as Record<string, unknown>)["mcpServers"];
    prefix = prefix === "" ? "mcpServers" : `${prefix}.mcpServers`;
  }
  const parsed = serversSchema.safeParse(value, { error: readableIssueMessages });
  if (!parsed.success) return { ok: false, ...firstIssue(parsed.error, prefix) };
  for (const [name, server] of Object.entries(parsed.data)) {
    const field = prefix === "" ? name : `${prefix}.${name}`;
    const type = server.type ?? (server.url === undefined ? "stdio" : "http");
    if (type === "stdio" && server.command === undefined) {
      return { ok: false, field: `${field}.command`, message: "required for a stdio server" };
    }
    if (REMOTE_TYPES.has(type) && server.url === undefined) {
      return { ok: false, field: `${field}.url`, message: `required for a ${type} server` };
    }
  }
  return { ok: true, servers: expandPluginRootDeep(parsed.data as PluginMcpServers, root) };
}
