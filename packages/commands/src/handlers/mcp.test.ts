import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { McpManager, type McpServerConfig, type McpServerState } from "@axion/mcp";
import { describe, expect, it, onTestFinished } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

const require = createRequire(import.meta.url);
const everythingEntry = join(dirname(require.resolve("@modelcontextprotocol/server-everything/package.json")), "dist", "index.js");

function state(overrides: Partial<McpServerState> & Pick<McpServerState, "name" | "status">): McpServerState {
  return { type: "stdio", stderr: [], restarts: 0, toolCount: 0, ...overrides };
}

describe("/mcp", () => {
  it("shows the live status of real servers: one connected, one that failed to start", async () => {
    const servers: McpServerConfig[] = [
      { name: "everything", origin: "test", type: "stdio", command: process.execPath, args: [everythingEntry, "stdio"], env: {} },
      { name: "broken", origin: "test", type: "stdio", command: "/nonexistent/mcp-server", args: [], env: {} },
    ];
    const manager = new McpManager({ servers, env: { PATH: process.env["PATH"] }, maxRestarts: 0 });
    onTestFinished(() => manager.close());
    manager.start();
    await manager.ready();
    const host = await useFakeHost({ mcp: manager });

    const list = (await host.run("/mcp")).output ?? "";
    const everythingLine = list.split("\n").find((line) => line.startsWith("  everything"));
    expect(everythingLine).toMatch(/^ {2}everything +stdio +\d+ tools +connected$/);
    expect(Number(/(\d+) tools/.exec(everythingLine ?? "")?.[1])).toBe(manager.tools().filter((tool) => tool.server === "everything").length);
    expect(list).toMatch(/\n {2}broken +stdio +0 tools +failed — .+/);

    const details = (await host.run("/mcp show everything")).output ?? "";
    expect(details).toMatch(/^Server +everything\nStatus +connected\nTransport +stdio\n/);
    expect(details).toContain("  mcp__everything__echo — ");
  }, 30_000);

  it("lists states and errors a host reports, and shows one server's stderr", async () => {
    const host = await useFakeHost({
      mcp: {
        status: () => [
          state({ name: "github", type: "http", transport: "streamable-http", status: "needs-auth", error: "401 Unauthorized: sign in required" }),
          state({ name: "db", status: "connected", toolCount: 2, pid: 4242, stderr: ["listening", "ready"] }),
        ],
        tools: () => [
          { server: "db", name: "query", qualifiedName: "mcp__db__query", description: "Run a read-only SQL query", inputSchema: {} },
          { server: "db", name: "schema", qualifiedName: "mcp__db__schema", description: "", inputSchema: {} },
        ],
      },
    });
    expect((await host.run("/mcp list")).output).toBe(
      [
        "MCP servers:",
        "  github  streamable-http  0 tools  needs-auth — 401 Unauthorized: sign in required",
        "  db      stdio            2 tools  connected",
        "",
        "Details: /mcp show <name>",
      ].join("\n"),
    );
    expect((await host.run("/mcp show db")).output).toBe(
      [
        "Server     db",
        "Status     connected",
        "Transport  stdio",
        "Process    4242",
        "",
        "Tools (2):",
        "  mcp__db__query — Run a read-only SQL query",
        "  mcp__db__schema",
        "",
        "Recent stderr:",
        "  listening",
        "  ready",
      ].join("\n"),
    );
    expect((await host.run("/mcp show gthub")).error).toBe('No MCP server named "gthub". Did you mean github?');
  });

  it("says how to add servers when there are none", async () => {
    const host = await useFakeHost();
    expect((await host.run("/mcp")).output).toBe("No MCP servers configured. Add them to .mcp.json or to mcpServers in the settings.");
    expect((await host.run("/mcp restart x")).error).toBe('Unknown subcommand "restart". Usage: /mcp [list | show <name>]');
  });
});
