import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadMcpSdk } from "./load-mcp-sdk.js";

const sourceDir = dirname(fileURLToPath(import.meta.url));

describe("lazy SDK loading", () => {
  it("imports SDK values only through load-mcp-sdk.ts, with dynamic import()", () => {
    const offenders: string[] = [];
    for (const file of readdirSync(sourceDir)) {
      if (!file.endsWith(".ts") || file.endsWith(".test.ts")) continue;
      const text = readFileSync(join(sourceDir, file), "utf8");
      for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+["']@modelcontextprotocol\/sdk[^"']*["']/gm)) {
        offenders.push(`${file}: ${match[0]}`);
      }
    }
    expect(offenders).toEqual([]);
    expect(readFileSync(join(sourceDir, "load-mcp-sdk.ts"), "utf8")).toMatch(/await Promise\.all\(\[\s*importReal\("@modelcontextprotocol\/sdk[^"]*", \(\) => import\("@modelcontextprotocol\/sdk/);
  });

  it("loads the SDK once and shares it", async () => {
    const first = await loadMcpSdk();
    expect(await loadMcpSdk()).toBe(first);
    expect(typeof first.Client).toBe("function");
  });
});
