import type { McpManager, McpToolInfo } from "@axion/mcp";
import { McpServerError } from "@axion/mcp";
import type { RuntimeTool, ToolOutput, ToolValidation } from "@axion/runtime";
import { ToolError } from "@axion/runtime";
import { checkJsonSchema } from "../bridges/json-schema-check.js";
import { mcpResultToToolOutput } from "./mcp-result-to-output.js";

/** What the bridge needs from the manager (an `McpManager`, or a stand-in). */
export type McpToolHost = Pick<McpManager, "tools" | "callTool" | "listResources" | "readResource">;

/**
 * The tools of the connected MCP servers as runtime tools named `mcp__<server>__<tool>`. Schemas are passed
 * through; a tool the server marks `readOnlyHint` needs read-only permission, every other one workspace-write.
 * Call this again after `onToolsChanged` to pick up servers that became ready.
 */
export function mcpToolsFor(manager: McpToolHost): RuntimeTool[] {
  return manager.tools().map((tool) => mcpTool(manager, tool));
}

function mcpTool(manager: McpToolHost, tool: McpToolInfo): RuntimeTool {
  return {
    name: tool.qualifiedName,
    description: tool.description || `Tool ${tool.name} of the MCP server ${tool.server}`,
    inputSchema: tool.inputSchema,
    requiredPermission: tool.annotations?.readOnlyHint === true ? "read-only" : "workspace-write",
    validate(input: unknown): ToolValidation {
      const value = input ?? {};
      if (typeof value !== "object" || Array.isArray(value)) {
        return { ok: false, error: `Invalid input for ${tool.qualifiedName}: input: expected an object` };
      }
      const problems = checkJsonSchema(tool.inputSchema, value);
      if (problems.length === 0) return { ok: true, value };
      return { ok: false, error: `Invalid input for ${tool.qualifiedName}: ${problems.join("; ")}` };
    },
    async execute(input, context): Promise<ToolOutput> {
      try {
        const result = await manager.callTool(tool.server, tool.name, (input ?? {}) as Record<string, unknown>, context.signal);
        const output = mcpResultToToolOutput(result);
        output.display = { kind: "mcp", server: tool.server, tool: tool.name };
        return output;
      } catch (error) {
        // The model can read these and go on (the server is down, the call timed out): not fatal for the turn.
        if (McpServerError.isInstance(error) && error.code !== "mcp_aborted") throw new ToolError(error.message, error.code);
        throw error;
      }
    },
  };
}
