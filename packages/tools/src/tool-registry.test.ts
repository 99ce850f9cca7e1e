import { describe, expect, it } from "vitest";
import { builtinTools } from "./builtin-tools.js";
import { createToolRegistry, filterTools, ToolRegistryError } from "./tool-registry.js";

const names = (registry: { list(): readonly { name: string }[] }) => registry.list().map((tool) => tool.name);

describe("createToolRegistry", () => {
  it("lists tools in order and finds them by name", () => {
    const registry = createToolRegistry(builtinTools());
    expect(names(registry)[0]).toBe("Bash");
    expect(registry.get("Grep")?.name).toBe("Grep");
    expect(registry.get("grep")).toBeUndefined();
  });

  it("refuses duplicate names", () => {
    const tools = builtinTools();
    const error = (() => {
      try {
        createToolRegistry([...tools, tools[1]!]);
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    expect(ToolRegistryError.isInstance(error)).toBe(true);
    expect((error as ToolRegistryError).code).toBe("duplicate_tool");
    expect((error as Error).message).toBe("Two tools are named Read");
  });
});

describe("filterTools", () => {
  const registry = createToolRegistry(builtinTools());

  it("keeps only allowed tools, case-insensitively and with rules or prefixes", () => {
    expect(names(filterTools(registry, { allowed: ["Read", "grep"] }))).toEqual(["Read", "Grep"]);
    expect(names(filterTools(registry, { allowed: ["Bash(git status:*)", "Web*"] }))).toEqual(["Bash", "WebFetch", "WebSearch"]);
  });

  it("drops disallowed tools; an entry with a rule removes nothing", () => {
    const filtered = names(filterTools(registry, { disallowed: ["Bash", "WebSearch", "Edit(src/**)"] }));
    expect(filtered).not.toContain("Bash");
    expect(filtered).not.toContain("WebSearch");
    expect(filtered).toContain("Edit");
    expect(names(filterTools(registry, { allowed: ["Read", "Write"], disallowed: ["write"] }))).toEqual(["Read"]);
  });

  it("names an allowed entry that matches no tool", () => {
    expect(() => filterTools(registry, { allowed: ["Read", "Raed"] })).toThrow(/^Allowed tool Raed matches no tool; available tools: Bash, Read/);
  });
});
