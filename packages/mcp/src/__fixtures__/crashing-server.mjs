// A stdio MCP server that answers the handshake, then exits after CRASH_AFTER_MS milliseconds.
// Each start appends a line to START_LOG so a test can count the starts.
import { appendFileSync } from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

if (process.env.START_LOG) appendFileSync(process.env.START_LOG, `${process.pid}\n`);
const server = new McpServer({ name: "crashing", version: "0.0.1" });
server.registerTool("ping", { description: "Answers pong" }, async () => ({ content: [{ type: "text", text: "pong" }] }));
await server.connect(new StdioServerTransport());
const delay = Number(process.env.CRASH_AFTER_MS ?? "300");
if (delay >= 0) {
  setTimeout(() => {
    process.stderr.write("crashing on purpose\n");
    process.exit(3);
  }, delay);
}
