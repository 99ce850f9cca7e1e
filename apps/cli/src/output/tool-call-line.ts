import { TOOL_MAIN_FIELDS } from "@axion/tools";

/** `● Tool(args)`: the one-line summary of a tool call shown on stderr and in the REPL. */
export function formatToolCall(name: string, input: unknown): string {
  return `● ${name}(${summarizeInput(name, input)})`;
}

/** `  ⎿ <first line of the result>` with the line count when there are more. */
export function formatToolResult(output: string, isError: boolean): string {
  const lines = output.split("\n").filter((line) => line.trim() !== "");
  const first = (lines[0] ?? "(no output)").trim();
  const shown = first.length > 120 ? `${first.slice(0, 117)}...` : first;
  const more = lines.length > 1 ? ` (+${lines.length - 1} lines)` : "";
  return `  ⎿ ${isError ? "Error: " : ""}${shown}${more}`;
}

function summarizeInput(name: string, input: unknown): string {
  if (typeof input !== "object" || input === null) return "";
  const record = input as Record<string, unknown>;
  const field = TOOL_MAIN_FIELDS[name];
  const value = field !== undefined ? record[field] : undefined;
  const text = typeof value === "string" ? value : JSON.stringify(record);
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 100 ? `${oneLine.slice(0, 97)}...` : oneLine;
}
