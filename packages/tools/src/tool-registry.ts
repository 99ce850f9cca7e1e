import type { RuntimeTool, ToolRegistry } from "@axion/runtime";

const BRAND = Symbol.for("axion.error.ToolRegistryError");

/** A tool set that cannot be built: a duplicate name, or a filter entry that names no tool. */
export class ToolRegistryError extends Error {
  readonly code: "duplicate_tool" | "unknown_tool";

  constructor(message: string, code: "duplicate_tool" | "unknown_tool") {
    super(message);
    this.name = "ToolRegistryError";
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static isInstance(value: unknown): value is ToolRegistryError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** A registry over `tools`, in their order; names must be unique. */
export function createToolRegistry(tools: readonly RuntimeTool[]): ToolRegistry {
  const byName = new Map<string, RuntimeTool>();
  for (const tool of tools) {
    if (byName.has(tool.name)) throw new ToolRegistryError(`Two tools are named ${tool.name}`, "duplicate_tool");
    byName.set(tool.name, tool);
  }
  const list = Object.freeze([...tools]);
  return {
    list: () => list,
    get: (name) => byName.get(name),
  };
}

export interface ToolFilter {
  /** Only these tools (`Read`, `Bash(git:*)`, `mcp__server__*`); undefined keeps all. */
  allowed?: readonly string[] | undefined;
  /** Never these tools; an entry with a rule in parentheses (`Bash(rm:*)`) narrows a permission, so it removes nothing. */
  disallowed?: readonly string[] | undefined;
}

/**
 * The tools of `registry` that pass the filter. Names match case-insensitively; a trailing `*` matches a
 * prefix; `Tool(rule)` in allowed keeps the tool. An allowed entry that matches no tool is an error.
 */
export function filterTools(registry: ToolRegistry, filter: ToolFilter): ToolRegistry {
  const tools = registry.list();
  let kept = [...tools];
  if (filter.allowed !== undefined) {
    const entries = filter.allowed.map((entry) => entry.trim()).filter((entry) => entry !== "");
    for (const entry of entries) {
      if (!tools.some((tool) => matches(entry, tool.name))) {
        throw new ToolRegistryError(
          `Allowed tool ${entry} matches no tool; available tools: ${tools.map((tool) => tool.name).join(", ")}`,
          "unknown_tool",
        );
      }
    }
    kept = kept.filter((tool) => entries.some((entry) => matches(entry, tool.name)));
  }
  if (filter.disallowed !== undefined) {
    const entries = filter.disallowed.map((entry) => entry.trim()).filter((entry) => entry !== "" && !entry.includes("("));
    kept = kept.filter((tool) => !entries.some((entry) => matches(entry, tool.name)));
  }
  return createToolRegistry(kept);
}

function matches(entry: string, toolName: string): boolean {
  const name = entry.replace(/\(.*\)$/, "").toLowerCase();
  const target = toolName.toLowerCase();
  return name.endsWith("*") ? target.startsWith(name.slice(0, -1)) : target === name;
}
