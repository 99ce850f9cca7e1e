import { z } from "zod";
import type { RequiredPermission, RuntimeTool, ToolContext, ToolOutput, ToolValidation } from "@axion/runtime";
import { ToolError } from "@axion/runtime";

export interface ToolDefinition<Schema extends z.ZodType> {
  name: string;
  description: string;
  /** The input schema; every field carries a `.describe()` text for the model. Objects are made strict. */
  inputSchema: Schema;
  requiredPermission: RequiredPermission;
  /** Runs the tool with validated input; a string is shorthand for `{ content: string }`. */
  execute(input: z.output<Schema>, context: ToolContext): Promise<ToolOutput | string>;
  /** What permission rules match against (the command, the file path). */
  permissionSubject?(input: z.output<Schema>): string | undefined;
  /** Files the call reads or writes, checked against the workspace before the tool runs. */
  touchedPaths?(input: z.output<Schema>): { path: string; access: "read" | "write" }[];
  /** Calls in one assistant message may run in parallel. */
  parallel?: boolean;
}

/** A built-in tool: a `RuntimeTool` that also keeps its zod schema. */
export interface DefinedTool<Input> extends RuntimeTool {
  readonly schema: z.ZodType<Input>;
}

/**
 * Declares a tool. The JSON Schema advertised to the model is derived from the zod schema (zod 4's
 * `toJSONSchema`), with every object closed by `additionalProperties: false`; `validate` rejects the same
 * inputs the schema does and names each wrong field.
 */
export function defineTool<Schema extends z.ZodType>(definition: ToolDefinition<Schema>): DefinedTool<z.output<Schema>> {
  type Input = z.output<Schema>;
  const schema = (definition.inputSchema instanceof z.ZodObject ? definition.inputSchema.strict() : definition.inputSchema) as z.ZodType<Input>;
  const validate = (raw: unknown): ToolValidation => validateInput(definition.name, schema, raw);
  const parse = (raw: unknown): Input => {
    const result = schema.safeParse(raw);
    if (!result.success) throw new ToolError(describeIssues(definition.name, result.error.issues), "invalid_input");
    return result.data;
  };
  const { permissionSubject, touchedPaths } = definition;
  const tool: DefinedTool<Input> = {
    name: definition.name,
    description: definition.description,
    inputSchema: jsonSchemaOf(schema),
    requiredPermission: definition.requiredPermission,
    schema,
    validate,
    async execute(input, context) {
      const output = await definition.execute(parse(input), context);
      return typeof output === "string" ? { content: output } : output;
    },
    ...(permissionSubject ? { permissionSubject: (input: unknown) => permissionSubject(parse(input)) } : {}),
    ...(touchedPaths ? { touchedPaths: (input: unknown) => touchedPaths(parse(input)) } : {}),
    ...(definition.parallel === undefined ? {} : { parallel: definition.parallel }),
  };
  return tool;
}

/** Validates raw model input against `schema`; the error names each wrong field. */
export function validateInput(toolName: string, schema: z.ZodType, raw: unknown): ToolValidation {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: describeIssues(toolName, result.error.issues) };
}

/** `Invalid input for Read: file_path: required; offset: Too small: expected number to be >0`. */
function describeIssues(toolName: string, issues: readonly z.core.$ZodIssue[]): string {
  const problems = issues.flatMap((issue) => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => `${path === "" ? key : `${path}.${key}`}: unknown field`);
    }
    const message =
      issue.code === "invalid_type" && issue.message.endsWith("received undefined") ? "required" : issue.message;
    return [`${path === "" ? "input" : path}: ${message}`];
  });
  return `Invalid input for ${toolName}: ${problems.join("; ")}`;
}

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return closeObjects(z.toJSONSchema(schema, { io: "input" }) as Record<string, unknown>);
}

function closeObjects(schema: Record<string, unknown>): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$schema") continue;
    // `.int()` adds the safe-integer range, which only adds noise for the model.
    if ((key === "maximum" && value === Number.MAX_SAFE_INTEGER) || (key === "minimum" && value === Number.MIN_SAFE_INTEGER)) continue;
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
