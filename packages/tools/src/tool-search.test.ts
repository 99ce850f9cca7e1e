import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtinTools } from "./builtin-tools.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";
import { createToolRegistry } from "./tool-registry.js";
import { rankTools, toolSearchTool } from "./tool-search.js";

let workspace: TestWorkspace;
const registry = createToolRegistry(builtinTools());

beforeEach(async () => {
  workspace = await createTestWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

const search = (input: unknown) => callTool(toolSearchTool, input, workspace.context({ services: { toolRegistry: registry } }));

function definitions(text: string): { name: string; description: string; input_schema: Record<string, unknown> }[] {
  return JSON.parse(text.slice(text.indexOf("["))) as { name: string; description: string; input_schema: Record<string, unknown> }[];
}

describe("ToolSearch", () => {
  it("select: returns the full definitions of the named tools", async () => {
    const result = await search({ query: "select:Read, edit,Nope" });
    expect(result.text.split("\n").slice(0, 2)).toEqual(["Found 2 tools", "Not found: Nope"]);
    const found = definitions(result.text);
    expect(found.map((tool) => tool.name)).toEqual(["Read", "Edit"]);
    expect(found[0]?.input_schema).toEqual(registry.get("Read")?.inputSchema);
  });

  it("ranks by keyword: name +2, description +1, whole query in the name +3", () => {
    const tools = builtinTools();
    expect(rankTools(tools, "notebook").map((tool) => tool.name)[0]).toBe("NotebookEdit");
    expect(rankTools(tools, "web fetch").map((tool) => tool.name)[0]).toBe("WebFetch");
    expect(rankTools(tools, "+web").map((tool) => tool.name).sort()).toEqual(["WebFetch", "WebSearch"]);
  });

  it("keeps max_results and says when nothing matches", async () => {
    expect(definitions((await search({ query: "file", max_results: 2 })).text)).toHaveLength(2);
    expect((await search({ query: "zzzz" })).text).toBe('Found 0 tools\nNo tools match "zzzz"');
  });

  it("fails clearly without a registry and rejects bad input naming the field", async () => {
    expect(await callTool(toolSearchTool, { query: "x" }, workspace.context())).toMatchObject({ isError: true, errorCode: "service_missing" });
    expect((await search({ query: "x", max_results: 0 })).text).toContain("max_results: Too small");
  });
});
