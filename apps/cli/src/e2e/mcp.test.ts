// MCP servers in a real session: the reference "everything" server over stdio, a server that fails to
// start, and a streamable-HTTP server, driven through the built binary against @axion/mock-llm.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { runAxion, testWorkspace } from "../test-support/run-axion.js";

const require = createRequire(import.meta.url);
const everythingServer = join(dirname(require.resolve("@modelcontextprotocol/server-everything/package.json")), "dist", "index.js");

let mock: MockLlmServer;
let http: Server;
let httpUrl = "";
beforeAll(async () => {
  mock = await startMockLlm();
  http = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        if (request.method !== "POST") {
          response.writeHead(405).end();
          return;
        }
        const server = new McpServer({ name: "calculator", version: "1.0.0" });
        server.registerTool("add", { description: "Adds two numbers", inputSchema: { a: z.number(), b: z.number() }, annotations: { readOnlyHint: true } }, async ({ a, b }) => ({
          content: [{ type: "text", text: `sum=${a + b}` }],
        }));
        const transport = new StreamableHTTPServerTransport({});
        response.on("close", () => {
          void transport.close();
          void server.close();
        });
        await server.connect(transport);
        await transport.handleRequest(request, response, JSON.parse(Buffer.concat(chunks).toString("utf8")));
      })();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
});
afterAll(async () => {
  await mock.close();
  await new Promise((resolve) => http.close(resolve));
});
beforeEach(() => mock.reset());

function workspace(mcpServers: Record<string, unknown>) {
  const { cwd, env } = testWorkspace(mock.baseUrl, { prefix: "axion-mcp-e2e-" });
  writeFileSync(join(cwd, ".mcp.json"), JSON.stringify({ mcpServers }, null, 2));
  return { cwd, env };
}

function processesRunning(marker: string): string[] {
  const output = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" });
  return output.split("\n").filter((line) => line.includes(marker) && !line.includes("ps -eo"));
}

describe("MCP servers in a session", () => {
  it("calls mcp__everything__echo, reports the broken server, and leaves no server process behind", async () => {
    const marker = `axion-e2e-${Date.now()}`;
    const { cwd, env } = workspace({
      everything: { command: process.execPath, args: [everythingServer, "stdio"], env: { AXION_TEST_MARKER: marker } },
      broken: { command: "/nonexistent/mcp-server-binary", args: [] },
    });
    mock.script([
      { toolCalls: [{ id: "toolu_echo", name: "mcp__everything__echo", input: { message: "hello mcp" } }] },
      { text: ["echoed"] },
    ]);
    const run = await runAxion(["--trust-workspace", "--permission-mode", "workspace-write", "--output-format", "json", "-p", "echo it"], { cwd, env, timeoutMs: 60_000 });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { tool_results: { output: string; is_error: boolean }[] };
    expect(json.tool_results[0]!.output).toContain("Echo: hello mcp");
    expect(json.tool_results[0]!.is_error).toBe(false);
    expect(run.stderr).toContain("broken");
    const firstRequest = mock.requests[0]!.body as { tools: { name: string }[] };
    expect(firstRequest.tools.map((tool) => tool.name)).toContain("mcp__everything__echo");
    expect(firstRequest.tools.some((tool) => tool.name.startsWith("mcp__broken__"))).toBe(false);
    expect(processesRunning(everythingServer)).toEqual([]);
  }, 90_000);

  it("uses a streamable-HTTP server", async () => {
    const { cwd, env } = workspace({ calculator: { type: "http", url: httpUrl } });
    mock.script([{ toolCalls: [{ id: "toolu_add", name: "mcp__calculator__add", input: { a: 2, b: 40 } }] }, { text: ["done"] }]);
    const run = await runAxion(["--trust-workspace", "--permission-mode", "read-only", "--output-format", "json", "-p", "add"], { cwd, env, timeoutMs: 60_000 });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { tool_results: { output: string; is_error: boolean }[] };
    expect(json.tool_results[0]!.output).toBe("sum=42");
    expect(json.tool_results[0]!.is_error).toBe(false);
  }, 90_000);
});
