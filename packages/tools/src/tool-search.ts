import { z } from "zod";
import type { RuntimeTool } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { requireService } from "./tool-services.js";

export const TOOL_SEARCH_DEFAULT_RESULTS = 5;

export const toolSearchTool = defineTool({
  name: "ToolSearch",
  description: [
    "Finds tools by keyword and returns their full definitions (name, description, input schema).",
    "",
    "- `select:Read,Edit` returns exactly those tools.",
    "- Otherwise the query's words are matched against tool names and descriptions; `+word` makes a word required in the name.",
  ].join("\n"),
  inputSchema: z.object({
    query: z.string().min(1).describe("Keywords, or select:<name>[,<name>…]"),
    max_results: z.number().int().positive().max(50).optional().describe(`Most tools to return (default ${TOOL_SEARCH_DEFAULT_RESULTS})`),
  }),
  requiredPermission: "read-only",
  async execute(input, context) {
    const registry = requireService(context, "toolRegistry", "ToolSearch");
    const tools = registry.list();
    const query = input.query.trim();
    if (query.toLowerCase().startsWith("select:")) {
      const names = query.slice("select:".length).split(",").map((name) => name.trim()).filter((name) => name !== "");
      const found: RuntimeTool[] = [];
      const missing: string[] = [];
      for (const name of names) {
        const tool = registry.get(name) ?? tools.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
        if (tool === undefined) missing.push(name);
        else if (!found.includes(tool)) found.push(tool);
      }
      return formatResults(found, missing.length === 0 ? undefined : `Not found: ${missing.join(", ")}`);
    }
    const ranked = rankTools(tools, query).slice(0, input.max_results ?? TOOL_SEARCH_DEFAULT_RESULTS);
    return formatResults(ranked, ranked.length === 0 ? `No tools match "${query}"` : undefined);
  },
});

/**
 * Scores each tool against the query's words: +2 when the name contains a word, +1 when the description
 * does, +3 more when the name contains the whole query. `+word` must be in the name. Best first, ties by name.
 */
export function rankTools(tools: readonly RuntimeTool[], query: string): RuntimeTool[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== "");
  const required = words.filter((word) => word.startsWith("+") && word.length > 1).map((word) => word.slice(1));
  const terms = words.map((word) => (word.startsWith("+") ? word.slice(1) : word)).filter((word) => word !== "");
  const whole = terms.join(" ");
  const scored: { tool: RuntimeTool; score: number }[] = [];
  for (const tool of tools) {
    const name = tool.name.toLowerCase();
    const description = tool.description.toLowerCase();
    if (!required.every((word) => name.includes(word))) continue;
    let score = 0;
    for (const term of terms) {
      if (name.includes(term)) score += 2;
      if (description.includes(term)) score += 1;
    }
    if (whole !== "" && name.includes(whole)) score += 3;
    if (score > 0) scored.push({ tool, score });
  }
  scored.sort((left, right) => right.score - left.score || left.tool.name.localeCompare(right.tool.name));
  return scored.map((entry) => entry.tool);
}

function formatResults(tools: readonly RuntimeTool[], note: string | undefined): string {
  const definitions = tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.inputSchema }));
  const lines = [`Found ${tools.length} tool${tools.length === 1 ? "" : "s"}`];
  if (note !== undefined) lines.push(note);
  if (tools.length > 0) lines.push(JSON.stringify(definitions, null, 2));
  return lines.join("\n");
}
