import type { z } from "zod";

/** `["tools", 0, "inputSchema", "type"]` → `tools[0].inputSchema.type`. */
export function formatIssuePath(path: readonly PropertyKey[], prefix = ""): string {
  let text = prefix;
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

/**
 * A zod error map giving short, readable messages: `required`, `expected string, got number 3`,
 * `expected "object"; got "array"`, `expected one of "a", "b"; got "c"`.
 */
export const readableIssueMessages = (issue: z.core.$ZodRawIssue): string | undefined => {
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return "required";
    return `expected ${issue.expected}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === "invalid_value") {
    const values = issue.values.map((value) => JSON.stringify(value));
    const expected = values.length === 1 ? `expected ${values[0]}` : `expected one of ${values.join(", ")}`;
    return issue.input === undefined ? `${expected} (missing)` : `${expected}; got ${describeValue(issue.input)}`;
  }
  return undefined;
};

/** The first issue of a failed parse as `{ field, message }`. */
export function firstIssue(error: z.ZodError, prefix = ""): { field: string; message: string } {
  const issue = error.issues[0];
  if (issue === undefined) return { field: prefix, message: "invalid value" };
  if (issue.code === "unrecognized_keys") {
    return { field: formatIssuePath([...issue.path, issue.keys[0] ?? ""], prefix), message: "unknown field" };
  }
  return { field: formatIssuePath(issue.path, prefix), message: issue.message };
}
