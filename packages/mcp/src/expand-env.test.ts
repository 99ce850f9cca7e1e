import { describe, expect, it } from "vitest";
import { expandEnvInValue, expandEnvReferences, McpConfigError } from "./expand-env.js";
import { mcpToolName } from "./tool-name.js";

describe("expandEnvReferences", () => {
  const env = { TOKEN: "abc123", EMPTY: "", HOME: "/home/me" };

  it("substitutes set variables and defaults", () => {
    expect(expandEnvReferences("Bearer ${TOKEN}", env)).toBe("Bearer abc123");
    expect(expandEnvReferences("${MISSING:-fallback}/x", env)).toBe("fallback/x");
    expect(expandEnvReferences("${EMPTY:-used}", env)).toBe("used");
    expect(expandEnvReferences("${HOME}/data and ${TOKEN}", env)).toBe("/home/me/data and abc123");
    expect(expandEnvReferences("no refs, $TOKEN stays", env)).toBe("no refs, $TOKEN stays");
  });

  it("fails with the variable and the place when there is no value", () => {
    expect(() => expandEnvReferences("${NOPE}", env, "mcpServers.github.env.TOKEN")).toThrowError(
      "mcpServers.github.env.TOKEN: environment variable NOPE is not set and has no default",
    );
    try {
      expandEnvReferences("${NOPE}", env);
    } catch (error) {
      expect(McpConfigError.isInstance(error)).toBe(true);
    }
  });

  it("expands nested config values but not keys", () => {
    const config = { command: "${HOME}/bin/server", args: ["--token", "${TOKEN}"], env: { "${TOKEN}": "${TOKEN}" } };
    expect(expandEnvInValue(config, env)).toEqual({
      command: "/home/me/bin/server",
      args: ["--token", "abc123"],
      env: { "${TOKEN}": "abc123" },
    });
  });
});

describe("mcpToolName", () => {
  it("normalises server and tool names", () => {
    expect(mcpToolName("everything", "echo")).toBe("mcp__everything__echo");
    expect(mcpToolName("my server", "get.sum")).toBe("mcp__my_server__get_sum");
  });
});
