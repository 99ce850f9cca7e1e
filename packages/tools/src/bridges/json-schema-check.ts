/**
 * A small JSON Schema check for plugin tool input: `type` (one or several), `required`, `properties`,
 * `additionalProperties: false`, `enum`, `const` and array `items`, applied recursively. Anything else in the schema
 * is left to the plugin. Returns one problem per wrong field, e.g. `message: required`.
 */
export function checkJsonSchema(schema: Record<string, unknown>, value: unknown): string[] {
  const problems: string[] = [];
  visit(schema, value, "", problems);
  return problems;
}

function visit(schema: Record<string, unknown>, value: unknown, path: string, problems: string[]): void {
  const where = path === "" ? "input" : path;
  const types = typesOf(schema["type"]);
  if (types.length > 0 && !types.some((type) => matchesType(type, value))) {
    problems.push(`${where}: expected ${types.join(" or ")}, got ${describe(value)}`);
    return;
  }
  if (Array.isArray(schema["enum"]) && !schema["enum"].some((allowed) => sameJson(allowed, value))) {
    problems.push(`${where}: expected one of ${schema["enum"].map((allowed) => JSON.stringify(allowed)).join(", ")}`);
    return;
  }
  if ("const" in schema && !sameJson(schema["const"], value)) {
    problems.push(`${where}: expected ${JSON.stringify(schema["const"])}`);
    return;
  }
  if (isRecord(value)) {
    const properties = isRecord(schema["properties"]) ? schema["properties"] : {};
    const required = Array.isArray(schema["required"]) ? schema["required"].filter((key): key is string => typeof key === "string") : [];
    for (const key of required) {
      if (value[key] === undefined) problems.push(`${join(path, key)}: required`);
    }
    for (const [key, item] of Object.entries(value)) {
      const propertySchema = properties[key];
      if (isRecord(propertySchema)) visit(propertySchema, item, join(path, key), problems);
      else if (schema["additionalProperties"] === false) problems.push(`${join(path, key)}: unknown field`);
      else if (isRecord(schema["additionalProperties"])) visit(schema["additionalProperties"], item, join(path, key), problems);
    }
  }
  if (Array.isArray(value) && isRecord(schema["items"])) {
    const itemSchema = schema["items"];
    value.forEach((item, index) => visit(itemSchema, item, `${where === "input" ? "" : path}[${index}]`, problems));
  }
}

function typesOf(type: unknown): string[] {
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((entry): entry is string => typeof entry === "string");
  return [];
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
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    default:
      return true;
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function sameJson(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
