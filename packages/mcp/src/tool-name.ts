/** Lower-level name part for MCP tool names: anything outside [A-Za-z0-9_-] becomes `_`. */
export function normalizeMcpNamePart(name: string): string {
  const normalized = name.trim().replace(/[^A-Za-z0-9_-]/g, "_");
  return normalized.length > 0 ? normalized : "_";
}

/** The name an MCP tool is advertised under: `mcp__<server>__<tool>`. */
export function mcpToolName(serverName: string, toolName: string): string {
  return `mcp__${normalizeMcpNamePart(serverName)}__${normalizeMcpNamePart(toolName)}`;
}
