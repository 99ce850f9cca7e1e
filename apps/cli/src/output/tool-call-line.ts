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

const PRIMARY_FIELD: Readonly<Record<string, string>> = {
  Bash: "command",
  Read: "file_path",
  Write: "file_path",
  Edit: "file_path",
  NotebookEdit: "notebook_path",
  Glob: "pattern",
  Grep: "pattern",
  WebFetch: "url",
  WebSearch: "query",
  Agent: "description",
  Skill: "skill",
  ToolSearch: "query",
};

function summarizeInput(name: string, input: unknown): string {
  if (typeof input !== "object" || input === null) return "";
  const record = input as Record<string, unknown>;
  const field = PRIMARY_FIELD[name];
  const value = field !== undefined ? record[field] : undefined;
  const text = typeof value === "string" ? value : JSON.stringify(record);
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 100 ? `${oneLine.slice(0, 97)}...` : oneLine;
}
