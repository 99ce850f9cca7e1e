import { ExtensionError } from "./extension-error.js";

/** A string attribute; numbers and booleans are taken as their text, anything else is an error naming the field. */
export function stringAttribute(attributes: Record<string, unknown>, key: string, file: string): string | undefined {
  const value = attributes[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new ExtensionError("extension_invalid", file, `expected text, got ${Array.isArray(value) ? "a list" : typeof value}`, {
    field: key,
  });
}

/** A list attribute written as `A, B` or as a YAML list; undefined when absent. */
export function listAttribute(attributes: Record<string, unknown>, key: string, file: string): string[] | undefined {
  const value = attributes[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") {
    return splitList(value);
  }
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) {
    return value.map((item) => item.trim()).filter((item) => item !== "");
  }
  throw new ExtensionError("extension_invalid", file, "expected a comma-separated list or a list of names", { field: key });
}

/** Splits `Read, Bash(git add:*), Grep` on the commas outside parentheses. */
function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const character of text) {
    if (character === "(") depth += 1;
    if (character === ")") depth = Math.max(0, depth - 1);
    if (character === "," && depth === 0) {
      items.push(current);
      current = "";
      continue;
    }
    current += character;
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item !== "");
}

/** The first non-empty line of `body` without heading marks, for files that give no description. */
export function firstLineOf(body: string, maxLength = 120): string {
  for (const raw of body.split("\n")) {
    const line = raw.replace(/^#+\s*/, "").trim();
    if (line !== "") return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
  }
  return "";
}
