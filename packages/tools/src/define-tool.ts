import { z } from "zod";
import type { PermissionMode } from "@axion/runtime";

export type RequiredPermission = Extract<PermissionMode, "read-only" | "workspace-write" | "danger-full-access">;

export interface ToolDefinition<Input, Context> {
  name: string;
  description: string;
  inputSchema: z.ZodType<Input>;
  requiredPermission: RequiredPermission;
  execute(input: Input, context: Context): Promise<string>;
}

export interface DefinedTool<Input, Context> extends ToolDefinition<Input, Context> {
  /** JSON Schema advertised to the model; every object forbids extra properties. */
  readonly jsonSchema: Record<string, unknown>;
}

/** Declares a tool; its JSON Schema is derived once from the zod schema. */
export function defineTool<Input, Context>(definition: ToolDefinition<Input, Context>): DefinedTool<Input, Context> {
  let cached: Record<string, unknown> | undefined;
  return {
    ...definition,
    get jsonSchema() {
      cached ??= closeObjects(z.toJSONSchema(definition.inputSchema, { io: "input" }) as Record<string, unknown>);
      return cached;
    },
  };
}

function closeObjects(schema: Record<string, unknown>): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$schema") continue;
    if (Array.isArray(value)) {
      output[key] = value.map((item) => (isRecord(item) ? closeObjects(item) : item));
    } else if (isRecord(value)) {
      output[key] =
        key === "properties"
          ? Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, isRecord(inner) ? closeObjects(inner) : inner]))
          : closeObjects(value);
    } else {
      output[key] = value;
    }
  }
  if (output["type"] === "object") output["additionalProperties"] = false;
  return output;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export type ToolInputResult<Input> = { ok: true; value: Input } | { ok: false; error: string };

/** Validates raw model input; the error names each wrong field, e.g. `file_path: expected string`. */
export function parseToolInput<Input, Context>(tool: ToolDefinition<Input, Context>, raw: unknown): ToolInputResult<Input> {
  const result = tool.inputSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join(".") : "input";
    return `${path}: ${issue.message}`;
  });
  return { ok: false, error: `Invalid input for ${tool.name}: ${problems.join("; ")}` };
}
