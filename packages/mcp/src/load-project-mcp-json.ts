import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { McpConfigError } from "./expand-env.js";
import type { McpServersSource } from "./server-config.js";

export const PROJECT_MCP_FILE = ".mcp.json";

/**
 * Reads `<cwd>/.mcp.json` (`{"mcpServers": {...}}`, as Claude Code writes it). Returns `undefined` when the file
 * does not exist; a file that is not JSON or has no `mcpServers` object is a `McpConfigError` naming the file.
 */
export async function loadProjectMcpJson(cwd: string): Promise<McpServersSource | undefined> {
  const path = join(cwd, PROJECT_MCP_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new McpConfigError(`${path}: cannot be read: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new McpConfigError(`${path}: invalid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new McpConfigError(`${path}: expected a JSON object with an "mcpServers" object`);
  }
  const servers = (parsed as Record<string, unknown>)["mcpServers"];
  if (servers === null || typeof servers !== "object" || Array.isArray(servers)) {
    throw new McpConfigError(`${path}: mcpServers: expected an object of server name to server config`);
  }
  return { origin: path, servers };
}
