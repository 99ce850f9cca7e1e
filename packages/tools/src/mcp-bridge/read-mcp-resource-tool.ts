import { McpServerError } from "@axion/mcp";
import type { ToolResultPart } from "@axion/runtime";
import { ToolError } from "@axion/runtime";
import { z } from "zod";
import { defineTool } from "../define-tool.js";
import { resourceContentsToParts } from "./mcp-result-to-output.js";
import type { McpToolHost } from "./mcp-tools-for.js";

/** `ReadMcpResource`: one resource of an MCP server; text as text, images as image parts. */
export function readMcpResourceTool(manager: Pick<McpToolHost, "readResource">) {
  return defineTool({
    name: "ReadMcpResource",
    description: [
      "Reads a resource from an MCP server by its URI (find URIs with ListMcpResources).",
      "",
      "- Text contents are returned as text, images as images; other binary contents are described, not shown.",
    ].join("\n"),
    inputSchema: z.object({
      server: z.string().min(1).describe("Name of the MCP server that offers the resource"),
      uri: z.string().min(1).describe("URI of the resource to read"),
    }),
    requiredPermission: "read-only",
    async execute(input, context) {
      try {
        const result = await manager.readResource(input.server, input.uri, context.signal);
        const parts: ToolResultPart[] = result.contents.flatMap((contents) => resourceContentsToParts(contents));
        if (parts.length === 0) return `Resource ${input.uri} of MCP server "${input.server}" is empty.`;
        if (parts.every((part) => part.type === "text")) return parts.map((part) => (part.type === "text" ? part.text : "")).join("\n");
        return { content: parts };
      } catch (error) {
        if (McpServerError.isInstance(error) && error.code !== "mcp_aborted") throw new ToolError(error.message, error.code);
        throw error;
      }
    },
  });
}
