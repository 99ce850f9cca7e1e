import { McpServerError } from "@axion/mcp";
import { ToolError } from "@axion/runtime";
import { z } from "zod";
import { defineTool } from "../define-tool.js";
import type { McpToolHost } from "./mcp-tools-for.js";

/** `ListMcpResources`: the resources the connected MCP servers offer, as JSON. */
export function listMcpResourcesTool(manager: Pick<McpToolHost, "listResources">) {
  return defineTool({
    name: "ListMcpResources",
    description: [
      "Lists the resources (files, records, documents) that the connected MCP servers offer.",
      "",
      "- Give server to list one server's resources; leave it out to list every server's.",
      "- Each entry has server, uri, name and, when known, mimeType and description; read one with ReadMcpResource.",
    ].join("\n"),
    inputSchema: z.object({
      server: z.string().min(1).optional().describe("Name of the MCP server whose resources to list (default: all servers)"),
    }),
    requiredPermission: "read-only",
    async execute(input) {
      try {
        const resources = await manager.listResources(input.server);
        if (resources.length === 0) return input.server ? `MCP server "${input.server}" offers no resources.` : "No MCP server offers resources.";
        return JSON.stringify(resources, null, 2);
      } catch (error) {
        if (McpServerError.isInstance(error)) throw new ToolError(error.message, error.code);
        throw error;
      }
    },
  });
}
