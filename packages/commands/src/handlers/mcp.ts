import type { McpServerState } from "@axion/mcp";
import { CommandError, usageError } from "../command-error.js";
import type { CommandHost, SlashCommand } from "../command-host.js";
import { suggestCommands } from "../parse-slash-command.js";
import { formatTable, oneLine, plural, splitFirstWord } from "../text/format-text.js";

const USAGE = "[list | show <name>]";
const NO_SERVERS = "No MCP servers configured. Add them to .mcp.json or to mcpServers in the settings.";

/** `/mcp [list | show <name>]`: the live state of each MCP server and the tools it offers. */
export const mcpCommand: SlashCommand = {
  name: "mcp",
  category: "Tool Management",
  summary: "Show the MCP servers, their live status and tools",
  usage: USAGE,
  argumentCompletions(args, host) {
    const { first, rest } = splitFirstWord(args);
    if (!/\s/.test(args)) return ["list", "show"].filter((entry) => entry.startsWith(first));
    if (first !== "show") return [];
    return (host.mcp?.status() ?? []).map((server) => `show ${server.name}`).filter((entry) => entry.startsWith(`show ${rest}`));
  },
  async run(args, host) {
    const { first, rest } = splitFirstWord(args);
    if (first === "" || first === "list") return { output: list(host) };
    if (first === "show") {
      if (rest === "") throw usageError("mcp", "show <name>");
      return { output: show(host, rest) };
    }
    throw usageError("mcp", USAGE, `Unknown subcommand "${first}"`);
  },
};

function statusText(server: McpServerState): string {
  const error = server.error === undefined ? "" : ` — ${oneLine(server.error, 100)}`;
  return `${server.status}${error}`;
}

function list(host: CommandHost): string {
  const servers = host.mcp?.status() ?? [];
  if (servers.length === 0) return NO_SERVERS;
  const rows = servers.map((server) => [server.name, server.transport ?? server.type, plural(server.toolCount, "tool"), statusText(server)]);
  return `MCP servers:\n${formatTable(rows, "  ")}\n\nDetails: /mcp show <name>`;
}

function show(host: CommandHost, name: string): string {
  const servers = host.mcp?.status() ?? [];
  const server = servers.find((entry) => entry.name === name);
  if (server === undefined) {
    if (servers.length === 0) throw new CommandError("command_failed", NO_SERVERS);
    const suggestions = suggestCommands(name, servers.map((entry) => entry.name));
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(", ")}?` : ` Servers: ${servers.map((entry) => entry.name).join(", ")}.`;
    throw new CommandError("command_failed", `No MCP server named "${name}".${hint}`);
  }
  const rows = [
    ["Server", server.name],
    ["Status", statusText(server)],
    ["Transport", server.transport ?? server.type],
  ];
  if (server.serverInfo !== undefined) rows.push(["Reports", `${server.serverInfo.name} ${server.serverInfo.version}`]);
  if (server.pid !== undefined) rows.push(["Process", String(server.pid)]);
  if (server.restarts > 0) rows.push(["Restarts", String(server.restarts)]);
  const lines = [formatTable(rows)];
  const tools = host.mcp?.tools().filter((tool) => tool.server === server.name) ?? [];
  lines.push("", tools.length === 0 ? "Tools: none" : `Tools (${tools.length}):`);
  for (const tool of tools) lines.push(`  ${tool.qualifiedName}${tool.description === "" ? "" : ` — ${oneLine(tool.description, 80)}`}`);
  if (server.stderr.length > 0) lines.push("", "Recent stderr:", ...server.stderr.slice(-5).map((line) => `  ${line}`));
  return lines.join("\n");
}
