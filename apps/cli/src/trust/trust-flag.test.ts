import { describe, expect, it } from "vitest";
import { extractTrustFlag } from "./trust-flag.js";
import { untrustedNotice } from "./untrusted-notice.js";

describe("extractTrustFlag", () => {
  it("takes --trust-workspace out wherever it stands before --", () => {
    expect(extractTrustFlag(["node", "axion", "mcp", "list", "--trust-workspace"])).toEqual({ argv: ["node", "axion", "mcp", "list"], trustWorkspace: true });
    expect(extractTrustFlag(["node", "axion", "--trust-workspace", "-p", "hi"])).toEqual({ argv: ["node", "axion", "-p", "hi"], trustWorkspace: true });
    expect(extractTrustFlag(["node", "axion", "-p", "hi"])).toEqual({ argv: ["node", "axion", "-p", "hi"], trustWorkspace: false });
    expect(extractTrustFlag(["node", "axion", "--", "--trust-workspace"])).toEqual({ argv: ["node", "axion", "--", "--trust-workspace"], trustWorkspace: false });
  });
});

describe("untrustedNotice", () => {
  it("names what would have run, and says nothing when nothing would", () => {
    const item = (summary: string, runsOrGrants: boolean) => ({ kind: "hooks" as const, source: "s", summary, details: [], runsOrGrants });
    expect(untrustedNotice([item("other settings x (.claude/settings.json)", false)])).toBeUndefined();
    expect(untrustedNotice([item("2 hooks (.claude/settings.json)", true), item("other settings x (.claude/settings.json)", false), item('MCP server "evil" (.mcp.json)', true)])).toBe(
      'axion: this folder is not trusted, so these were not loaded: 2 hooks (.claude/settings.json), MCP server "evil" (.mcp.json); run "axion trust" to trust it, or pass --trust-workspace for this run',
    );
  });
});
