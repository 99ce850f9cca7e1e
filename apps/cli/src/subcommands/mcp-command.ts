import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { Command } from "commander";
import { loadProjectMcpJson, McpManager, parseMcpServers, PROJECT_MCP_FILE, type McpServerState, type McpServersSource } from "@axion/mcp";
import { discoverPlugins } from "@axion/plugins";
import { UsageError } from "../cli-flags.js";
import type { ProgramIo } from "../program-io.js";
import { formatTable, workspaceContext, type WorkspaceContext } from "./workspace-context.js";
import { untrustedExtensions } from "../trust/untrusted-extensions.js";
import { untrustedNotice } from "../trust/untrusted-notice.js";

async function mcpSources(context: WorkspaceContext, io: ProgramIo): Promise<McpServersSource[]> {
  const sources: McpServersSource[] = [];
  const { plugins } = discoverPlugins({ cwd: context.cwd, configHome: context.configHome, settings: context.config.merged, homeDir: context.home });
  // an untrusted folder's .mcp.json and own plugins are not started
  for (const plugin of plugins) {
    if (!context.trusted && plugin.source === "project") continue;
    if (plugin.enabled && Object.keys(plugin.mcpServers).length > 0) sources.push({ origin: `plugin ${plugin.id}`, servers: plugin.mcpServers });
  }
  if (!context.trusted) {
    const line = untrustedNotice(await untrustedExtensions({ cwd: context.cwd, configHome: context.configHome, home: context.home, config: context.config, plugins }));
    if (line !== undefined) io.stderr.write(`${line}\n`);
  }
  const project = context.trusted ? await loadProjectMcpJson(context.cwd) : undefined;
  if (project) sources.push(project);
  if (context.config.merged.mcpServers !== undefined) sources.push({ origin: "settings mcpServers", servers: context.config.merged.mcpServers });
  return sources;
}

/** Connects to every configured server, waits for each to settle, and returns their states. */
async function liveStatus(io: ProgramIo): Promise<{ states: McpServerState[]; errors: string[]; tools: Map<string, string[]> }> {
  const context = workspaceContext(io);
  const parsed = parseMcpServers(await mcpSources(context, io), io.env);
  const errors = parsed.errors.map((error) => `${error.server} (${error.origin}): ${error.message}`);
  if (parsed.servers.length === 0) return { states: [], errors, tools: new Map() };
  const manager = new McpManager({ servers: parsed.servers, env: io.env, configHome: context.configHome, maxRestarts: 0 });
  try {
    await manager.ready();
    const tools = new Map<string, string[]>();
    for (const tool of manager.tools()) tools.set(tool.server, [...(tools.get(tool.server) ?? []), tool.name]);
    return { states: manager.status(), errors, tools };
  } finally {
    await manager.close();
  }
}

function readJsonObject(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
  throw new UsageError(`${path}: expected a JSON object`);
}

function serversFile(io: ProgramIo, scope: string): string {
  if (scope === "project") return join(io.cwd, PROJECT_MCP_FILE);
  if (scope === "user") return join(workspaceContext(io).configHome, "settings.json");
  throw new UsageError(`--scope must be project or user, got "${scope}"`);
}

/** `axion mcp list|get|add|remove`: the MCP servers of this folder, with live status. */
export function registerMcpCommand(program: Command, io: ProgramIo): void {
  const mcp = program.command("mcp").description("list, inspect, add and remove MCP servers");

  mcp
    .command("list")
    .description("connect to every configured MCP server and show its status")
    .option("--output-format <format>", "text or json", "text")
    .action(async (options: { outputFormat: string }) => {
      const { states, errors, tools } = await liveStatus(io);
      if (options.outputFormat === "json") {
        io.stdout.write(`${JSON.stringify({ servers: states.map((state) => ({ ...state, tools: tools.get(state.name) ?? [] })), errors }, null, 2)}\n`);
        return;
      }
      for (const error of errors) io.stderr.write(`axion: MCP config: ${error}\n`);
      if (states.length === 0) {
        io.stdout.write("No MCP servers configured. Add one with `axion mcp add <name> <command> [args...]` or a .mcp.json file.\n");
        return;
      }
      const rows = [["NAME", "TYPE", "STATUS", "TOOLS", "DETAIL"]];
      for (const state of states) rows.push([state.name, state.transport ?? state.type, state.status, String(state.toolCount), state.error ?? ""]);
      io.stdout.write(formatTable(rows));
    });

  mcp
    .command("get <name>")
    .description("show one server's status, stderr tail and tools")
    .action(async (name: string) => {
      const { states, tools } = await liveStatus(io);
      const state = states.find((entry) => entry.name === name);
      if (!state) throw new UsageError(`no MCP server named ${name}; configured: ${states.map((entry) => entry.name).join(", ") || "none"}`);
      const lines = [`${state.name}: ${state.status} (${state.transport ?? state.type})`];
      if (state.error) lines.push(`error: ${state.error}`);
      if (state.stderr.length > 0) lines.push("stderr:", ...state.stderr.map((line) => `  ${line}`));
      lines.push(`tools (${state.toolCount}):`, ...(tools.get(name) ?? []).map((tool) => `  ${tool}`));
      io.stdout.write(`${lines.join("\n")}\n`);
    });

  mcp
    .command("add <name> <commandOrUrl> [args...]")
    .description("add a server (stdio command, or a URL with --transport http|sse)")
    .option("-t, --transport <type>", "stdio, http or sse", "stdio")
    .option("-s, --scope <scope>", "project (.mcp.json) or user (settings.json in the config home)", "project")
    .option("-e, --env <KEY=value...>", "environment variables for a stdio server")
    .option("-H, --header <header...>", "HTTP headers for a remote server, e.g. 'Authorization: Bearer ${TOKEN}'")
    .action((name: string, target: string, args: string[], options: { transport: string; scope: string; env?: string[]; header?: string[] }) => {
      const file = serversFile(io, options.scope);
      const document = readJsonObject(file);
      const servers = (document["mcpServers"] ?? {}) as Record<string, unknown>;
      if (servers[name] !== undefined) throw new UsageError(`${file}: an MCP server named ${name} already exists; remove it first`);
      let entry: Record<string, unknown>;
      if (options.transport === "stdio") {
        entry = { type: "stdio", command: target, args };
        if (options.env?.length) {
          entry["env"] = Object.fromEntries(
            options.env.map((pair) => {
              const index = pair.indexOf("=");
              if (index <= 0) throw new UsageError(`--env expects KEY=value, got "${pair}"`);
              return [pair.slice(0, index), pair.slice(index + 1)];
            }),
          );
        }
      } else if (options.transport === "http" || options.transport === "sse") {
        entry = { type: options.transport, url: target };
        if (options.header?.length) {
          entry["headers"] = Object.fromEntries(
            options.header.map((header) => {
              const index = header.indexOf(":");
              if (index <= 0) throw new UsageError(`--header expects 'Name: value', got "${header}"`);
              return [header.slice(0, index).trim(), header.slice(index + 1).trim()];
            }),
          );
        }
      } else {
        throw new UsageError(`--transport must be stdio, http or sse, got "${options.transport}"`);
      }
      document["mcpServers"] = { ...servers, [name]: entry };
      mkdirSync(dirname(file), { recursive: true });
      writeFileAtomic.sync(file, `${JSON.stringify(document, null, 2)}\n`);
      io.stdout.write(`Added MCP server ${name} to ${file}\n`);
    });

  mcp
    .command("remove <name>")
    .description("remove a server")
    .option("-s, --scope <scope>", "project (.mcp.json) or user (settings.json in the config home)", "project")
    .action((name: string, options: { scope: string }) => {
      const file = serversFile(io, options.scope);
      const document = readJsonObject(file);
      const servers = { ...((document["mcpServers"] ?? {}) as Record<string, unknown>) };
      if (servers[name] === undefined) throw new UsageError(`${file}: no MCP server named ${name}`);
      delete servers[name];
      document["mcpServers"] = servers;
      writeFileAtomic.sync(file, `${JSON.stringify(document, null, 2)}\n`);
      io.stdout.write(`Removed MCP server ${name} from ${file}\n`);
    });
}
