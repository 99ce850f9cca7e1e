/**
 * A light check of model input against an MCP tool's input schema, before the call goes out: the input is an
 * object, every `required` field is present, and top-level fields have the declared JSON type. Everything else
 * in the schema is left to the server, which validates the call itself and answers with an error result.
 */
export function checkMcpInput(schema: Record<string, unknown>, input: unknown): string[] {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return ["input: expected an object"];
  const value = input as Record<string, unknown>;
  const problems: string[] = [];
  const required = Array.isArray(schema["required"]) ? schema["required"].filter((key): key is string => typeof key === "string") : [];
  for (const key of required) if (value[key] === undefined) problems.push(`${key}: required`);
  const properties = isRecord(schema["properties"]) ? schema["properties"] : {};
  for (const [key, item] of Object.entries(value)) {
    const property = properties[key];
    if (!isRecord(property)) continue;
    const types = typeof property["type"] === "string" ? [property["type"]] : Array.isArray(property["type"]) ? property["type"] : [];
    if (types.length > 0 && !types.some((type) => matchesType(String(type), item))) {
      problems.push(`${key}: expected ${types.join(" or ")}, got ${describe(item)}`);
    }
  }
  return problems;
}

function matchesType(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    case "null":
      return value === null;
    default:
      return true;
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
