import type { RuntimeTool, ToolOutput, ToolValidation } from "@axion/runtime";
import type { LoadedPlugin, PluginTool } from "@axion/plugins";
import { runPluginTool } from "@axion/plugins";
import { checkJsonSchema } from "./json-schema-check.js";

/**
 * The tools of the enabled plugins as runtime tools. Each keeps the name, description, input schema and required
 * permission its manifest declares; input is checked against the schema (required fields, primitive types, unknown
 * fields when `additionalProperties` is false) and the tool runs as a child process in the session's workspace,
 * with the session's environment and abort signal.
 */
export function pluginToolsFor(plugins: readonly LoadedPlugin[]): RuntimeTool[] {
  return plugins.filter((plugin) => plugin.enabled).flatMap((plugin) => plugin.tools.map((tool) => pluginTool(plugin, tool)));
}

function pluginTool(plugin: LoadedPlugin, tool: PluginTool): RuntimeTool {
  return {
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    requiredPermission: tool.requiredPermission,
    validate(input: unknown): ToolValidation {
      const problems = checkJsonSchema(tool.inputSchema, input ?? {});
      if (problems.length === 0) return { ok: true, value: input ?? {} };
      return { ok: false, error: `Invalid input for ${tool.name}: ${problems.join("; ")}` };
    },
    async execute(input, context): Promise<ToolOutput> {
      const result = await runPluginTool(plugin, tool, input, { cwd: context.cwd, env: context.env, signal: context.signal });
      const output: ToolOutput = {
        content: result.output,
        display: { kind: "plugin", pluginId: plugin.id, exitCode: result.exitCode, durationMs: result.durationMs },
      };
      if (result.isError) output.isError = true;
      return output;
    },
  };
}
