import { describe, expect, it } from "vitest";
import { builtinTools } from "./builtin-tools.js";

type Schema = { type?: string; description?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: unknown };

function undocumented(schema: Schema, path: string): string[] {
  const problems: string[] = [];
  if (schema.type === "object" && schema.additionalProperties !== false) problems.push(`${path}: object is not closed`);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (!property.description) problems.push(`${path}.${name}: no description`);
    problems.push(...undocumented(property, `${path}.${name}`));
  }
  if (schema.items) problems.push(...undocumented(schema.items, `${path}[]`));
  return problems;
}

describe("builtinTools", () => {
  it("returns every built-in tool in a fixed order with its permission", () => {
    expect(builtinTools().map((tool) => [tool.name, tool.requiredPermission])).toEqual([
      ["Bash", "danger-full-access"],
      ["Read", "read-only"],
      ["Write", "workspace-write"],
      ["Edit", "workspace-write"],
      ["Glob", "read-only"],
      ["Grep", "read-only"],
      ["WebFetch", "read-only"],
      ["WebSearch", "read-only"],
      ["TodoWrite", "read-only"],
      ["NotebookEdit", "workspace-write"],
      ["Agent", "read-only"],
      ["Skill", "read-only"],
      ["ToolSearch", "read-only"],
    ]);
  });

  it("describes every field and closes every object", () => {
    for (const tool of builtinTools()) {
      expect(tool.description.length, tool.name).toBeGreaterThan(20);
      expect(undocumented(tool.inputSchema as Schema, tool.name)).toEqual([]);
    }
  });

  it("advertises the Claude Code parameter names", () => {
    const properties = Object.fromEntries(
      builtinTools().map((tool) => [tool.name, Object.keys((tool.inputSchema as Schema).properties ?? {})]),
    );
    expect(properties["Bash"]).toEqual(["command", "timeout", "description", "run_in_background"]);
    expect(properties["Read"]).toEqual(["file_path", "offset", "limit"]);
    expect(properties["Edit"]).toEqual(["file_path", "old_string", "new_string", "replace_all"]);
    expect(properties["Grep"]).toEqual(["pattern", "path", "glob", "type", "output_mode", "-i", "-n", "-A", "-B", "-C", "head_limit", "offset", "multiline"]);
    expect(properties["NotebookEdit"]).toEqual(["notebook_path", "cell_id", "cell_number", "new_source", "cell_type", "edit_mode"]);
  });
});
