import { spawn } from "node:child_process";
import { homedir } from "node:os";
import { join } from "node:path";
import { analyticsEvent, type TelemetrySink } from "@axion/telemetry";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { authorizeMcpServer } from "./authorize-mcp-server.js";
import { FileOAuthClientProvider, readMcpCredentials } from "./file-oauth-provider.js";
import { McpServerError } from "./mcp-server-error.js";
import type {
  McpCallToolResult,
  McpReadResourceResult,
  McpResourceInfo,
  McpServerState,
  McpToolAnnotations,
  McpToolInfo,
} from "./mcp-types.js";
import type { McpServerConfig } from "./server-config.js";
import { connectMcpServer, oneLine, type McpConnection } from "./server-connection.js";
import { StderrTail } from "./stderr-tail.js";
import { mcpToolName } from "./tool-name.js";

export const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;
export const DEFAULT_TOOL_CALL_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_RESTARTS = 3;

export interface McpManagerOptions {
  servers: readonly McpServerConfig[];
  /** Environment stdio servers inherit (the entry's `env` is laid over it). Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where OAuth credentials live (`<configHome>/credentials/mcp-<server>.json`). Default: `~/.axion`. */
  configHome?: string;
  startupTimeoutMs?: number;
  toolCallTimeoutMs?: number;
  /** Restarts of a crashed server before it is marked failed. */
  maxRestarts?: number;
  /** First restart delay; it doubles for each further restart. Default 1 s. */
  restartDelayMs?: number;
  clientInfo?: { name: string; version: string };
  /** Called with the full tool snapshot whenever a server's tools join or leave. */
  onToolsChanged?: (tools: readonly McpToolInfo[]) => void;
  onStatusChanged?: (state: McpServerState) => void;
  /**
   * Called with each stdio server process as soon as it is spawned (restarts included), so the host can make sure
   * it does not outlive this process even when it is killed; the function it returns is called once that process
   * has exited.
   */
  onServerProcess?: (pid: number, server: string) => (() => void) | void;
  /** How `authorize()` shows the sign-in URL. Default: the platform's URL opener. */
  openAuthorizationUrl?: (url: URL) => void | Promise<void>;
  authorizationTimeoutMs?: number;
  telemetry?: TelemetrySink;
}

export interface McpCallToolOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: { progress: number; total?: number | undefined; message?: string | undefined }) => void) | undefined;
}

interface ServerRecord {
  config: McpServerConfig;
  state: McpServerState;
  stderr: StderrTail;
  connection: McpConnection | undefined;
  tools: McpToolInfo[];
  generation: number;
  restartTimer: NodeJS.Timeout | undefined;
}

/**
 * Starts the configured MCP servers concurrently in the background and keeps them running: a crashed server is
 * restarted with backoff, a server that needs OAuth waits for `authorize()`, and `close()` ends every child.
 * The SDK itself is loaded on the first connection, so creating a manager costs nothing.
 */
export class McpManager {
  private readonly options: McpManagerOptions;
  private readonly records = new Map<string, ServerRecord>();
  private initialAttempts: Promise<void>[] = [];
  private started = false;
  private closed = false;
  private readonly exitHandler = () => this.killChildrenNow();

  constructor(options: McpManagerOptions) {
    this.options = options;
    for (const config of options.servers) {
      this.records.set(config.name, {
        config,
        state: {
          name: config.name,
          type: config.type,
          status: config.disabled ? "disabled" : "connecting",
          stderr: [],
          restarts: 0,
          toolCount: 0,
        },
        stderr: new StderrTail(),
        connection: undefined,
        tools: [],
        generation: 0,
        restartTimer: undefined,
      });
    }
  }

  /** Begins connecting every enabled server; returns at once. Tools join through `onToolsChanged`. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    if ([...this.records.values()].some((record) => record.config.type === "stdio")) process.on("exit", this.exitHandler);
    for (const record of this.records.values()) {
      if (record.config.disabled) continue;
      this.initialAttempts.push(this.connect(record, "start"));
    }
  }

  /** Resolves when every server's first start attempt has settled (connected, failed, needs-auth). */
  async ready(): Promise<void> {
    this.start();
    await Promise.all(this.initialAttempts);
  }

  status(): McpServerState[] {
    return [...this.records.values()].map((record) => this.snapshot(record));
  }

  /** Tools of every connected server, in config order. */
  tools(): McpToolInfo[] {
    const seen = new Set<string>();
    const all: McpToolInfo[] = [];
    for (const record of this.records.values()) {
      if (record.state.status !== "connected") continue;
      for (const tool of record.tools) {
        if (seen.has(tool.qualifiedName)) continue;
        seen.add(tool.qualifiedName);
        all.push(tool);
      }
    }
    return all;
  }

  async callTool(
    server: string,
    tool: string,
    args: Record<string, unknown>,
    signal?: AbortSignal,
    options: McpCallToolOptions = {},
  ): Promise<McpCallToolResult> {
    const record = this.connectedRecord(server);
    const timeout = record.config.toolCallTimeoutMs ?? this.options.toolCallTimeoutMs ?? DEFAULT_TOOL_CALL_TIMEOUT_MS;
    const effectiveSignal = signal ?? options.signal;
    const connection = record.connection!;
    const unauthorizedBefore = connection.unauthorizedCount();
    try {
      const result = await connection.client.callTool({ name: tool, arguments: args }, undefined, {
        timeout,
        ...(effectiveSignal ? { signal: effectiveSignal } : {}),
        ...(options.onProgress ? { onprogress: options.onProgress } : {}),
      });
      return result as McpCallToolResult;
    } catch (error) {
      if (connection.unauthorizedCount() > unauthorizedBefore) throw await this.markNeedsAuth(record, connection, `tool ${tool}`, error);
      throw this.requestError(server, `tool ${tool}`, error, timeout, effectiveSignal);
    }
  }

  /** Resources of one server, or of every connected server that offers resources. */
  async listResources(server?: string): Promise<McpResourceInfo[]> {
    const records = server !== undefined ? [this.connectedRecord(server)] : [...this.records.values()].filter((record) => record.state.status === "connected");
    const lists = await Promise.all(
      records.map(async (record) => {
        const client = record.connection!.client;
        if (!client.getServerCapabilities()?.resources) return [];
        const resources: McpResourceInfo[] = [];
        let cursor: string | undefined;
        try {
          do {
            const page = await client.listResources(cursor ? { cursor } : undefined, { timeout: this.startupTimeout(record) });
            for (const resource of page.resources) {
              resources.push({
                server: record.config.name,
                uri: resource.uri,
                name: resource.name,
                ...(resource.description ? { description: resource.description } : {}),
                ...(resource.mimeType ? { mimeType: resource.mimeType } : {}),
              });
            }
            cursor = page.nextCursor;
          } while (cursor);
        } catch (error) {
          throw this.requestError(record.config.name, "resources/list", error, this.startupTimeout(record), undefined);
        }
        return resources;
      }),
    );
    return lists.flat();
  }

  async readResource(server: string, uri: string, signal?: AbortSignal): Promise<McpReadResourceResult> {
    const record = this.connectedRecord(server);
    const timeout = record.config.toolCallTimeoutMs ?? this.options.toolCallTimeoutMs ?? DEFAULT_TOOL_CALL_TIMEOUT_MS;
    try {
      const result = await record.connection!.client.readResource({ uri }, { timeout, ...(signal ? { signal } : {}) });
      return { contents: result.contents as McpReadResourceResult["contents"] };
    } catch (error) {
      throw this.requestError(server, `resource ${uri}`, error, timeout, signal);
    }
  }

  /** Stops and starts one server again (after `authorize`, or from `/mcp reconnect`). */
  async restart(server: string): Promise<McpServerState> {
    const record = this.record(server);
    if (this.closed) throw new McpServerError("mcp_server_unavailable", server, `MCP server "${server}": the manager is closed`);
    clearTimeout(record.restartTimer);
    record.restartTimer = undefined;
    record.generation += 1;
    const previous = record.connection;
    record.connection = undefined;
    await previous?.close();
    record.state.restarts = 0;
    await this.connect(record, "restart");
    return this.snapshot(record);
  }

  /** Runs the OAuth sign-in for a remote server, stores the tokens, and reconnects it. */
  async authorize(server: string): Promise<McpServerState> {
    const record = this.record(server);
    if (record.config.type === "stdio") {
      throw new McpServerError("mcp_auth_failed", server, `MCP server "${server}" is a stdio server; OAuth applies to http and sse servers`);
    }
    await authorizeMcpServer(record.config, {
      configHome: this.configHome(),
      openAuthorizationUrl: this.options.openAuthorizationUrl ?? openInBrowser,
      timeoutMs: this.options.authorizationTimeoutMs ?? 300_000,
      clientName: this.options.clientInfo?.name,
    });
    return this.restart(server);
  }

  /** Closes every connection and terminates every child process. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closing: Promise<void>[] = [];
    for (const record of this.records.values()) {
      clearTimeout(record.restartTimer);
      record.restartTimer = undefined;
      record.generation += 1;
      const connection = record.connection;
      record.connection = undefined;
      if (connection) closing.push(connection.close());
    }
    await Promise.all(closing);
    process.off("exit", this.exitHandler);
  }

  private async connect(record: ServerRecord, reason: "start" | "restart" | "crash"): Promise<void> {
    if (this.closed) return;
    const generation = ++record.generation;
    const { config } = record;
    const startedAt = Date.now();
    record.stderr.clear();
    this.setState(record, { status: "connecting" }, reason === "crash" ? ["pid", "transport"] : ["error", "pid", "transport"]);
    try {
      const authProvider = config.type === "stdio" ? undefined : await this.backgroundAuthProvider(config);
      const connection = await connectMcpServer({
        config,
        env: this.options.env ?? process.env,
        clientInfo: this.options.clientInfo ?? { name: "axion", version: "0.1.0" },
        timeoutMs: this.startupTimeout(record),
        stderr: record.stderr,
        authProvider,
        onUnexpectedClose: () => this.handleCrash(record, generation),
        onProcess: (pid) => this.options.onServerProcess?.(pid, config.name),
        onToolListChanged: () => void this.refreshTools(record, generation),
      });
      if (generation !== record.generation || this.closed) {
        await connection.close();
        return;
      }
      record.connection = connection;
      record.tools = await this.fetchTools(record, connection);
      if (generation !== record.generation) return;
      const version = connection.client.getServerVersion();
      const instructions = connection.client.getInstructions();
      this.setState(record, {
        status: "connected",
        transport: connection.transportKind,
        toolCount: record.tools.length,
        ...(connection.pid !== undefined ? { pid: connection.pid } : {}),
        ...(version ? { serverInfo: { name: version.name, version: version.version } } : {}),
        ...(instructions ? { instructions } : {}),
      });
      this.emit("server_connected", { server: config.name, transport: connection.transportKind, tools: record.tools.length, durationMs: Date.now() - startedAt, reason });
      this.notifyTools();
    } catch (error) {
      if (generation !== record.generation) return;
      const previous = record.connection;
      record.connection = undefined;
      await previous?.close();
      const needsAuth = McpServerError.isInstance(error) && error.code === "mcp_auth_failed";
      const message = oneLine(error);
      if (!needsAuth && reason === "crash" && record.state.restarts < this.maxRestarts()) {
        this.scheduleRestart(record, `restart failed: ${message}`);
        return;
      }
      this.setState(record, { status: needsAuth ? "needs-auth" : "failed", error: message, toolCount: 0 }, ["pid"]);
      this.emit(needsAuth ? "server_needs_auth" : "server_failed", { server: config.name, reason, error: message });
    }
  }

  private handleCrash(record: ServerRecord, generation: number): void {
    if (generation !== record.generation || this.closed) return;
    record.connection = undefined;
    record.tools = [];
    this.notifyTools();
    this.emit("server_crashed", { server: record.config.name, restarts: record.state.restarts });
    if (record.state.restarts >= this.maxRestarts()) {
      this.setState(
        record,
        { status: "failed", error: `exited unexpectedly ${record.state.restarts + 1} times; not restarting`, toolCount: 0 },
        ["pid"],
      );
      return;
    }
    this.scheduleRestart(record, "exited unexpectedly");
  }

  private scheduleRestart(record: ServerRecord, why: string): void {
    const attempt = record.state.restarts + 1;
    const delay = (this.options.restartDelayMs ?? 1_000) * 2 ** (attempt - 1);
    record.state.restarts = attempt;
    const generation = ++record.generation;
    this.setState(record, { status: "connecting", error: `${why}; restart ${attempt} of ${this.maxRestarts()}`, toolCount: 0 }, ["pid"]);
    record.restartTimer = setTimeout(() => {
      record.restartTimer = undefined;
      if (generation === record.generation) void this.connect(record, "crash");
    }, delay);
    record.restartTimer.unref();
  }

  private async refreshTools(record: ServerRecord, generation: number): Promise<void> {
    const connection = record.connection;
    if (!connection || generation !== record.generation) return;
    try {
      const tools = await this.fetchTools(record, connection);
      if (generation !== record.generation) return;
      record.tools = tools;
      this.setState(record, { toolCount: tools.length });
      this.notifyTools();
    } catch (error) {
      this.emit("tools_refresh_failed", { server: record.config.name, error: oneLine(error) });
    }
  }

  private async fetchTools(record: ServerRecord, connection: McpConnection): Promise<McpToolInfo[]> {
    const client = connection.client;
    if (!client.getServerCapabilities()?.tools) return [];
    const tools: Tool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined, { timeout: this.startupTimeout(record) });
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return tools.map((tool) => toToolInfo(record.config.name, tool));
  }

  private async backgroundAuthProvider(config: McpServerConfig & { type: "http" | "sse" }): Promise<FileOAuthClientProvider | undefined> {
    const stored = await readMcpCredentials(this.configHome(), config.name);
    // Without stored tokens a 401 simply marks the server needs-auth; `authorize()` starts the sign-in.
    if (!stored.tokens) return undefined;
    return new FileOAuthClientProvider({
      serverName: config.name,
      configHome: this.configHome(),
      oauth: config.oauth,
      redirectUrl: stored.redirectUrl ?? "http://127.0.0.1/callback",
      clientName: this.options.clientInfo?.name,
      interactive: false,
    });
  }

  /** The server stopped accepting our credentials mid-session: it needs a new sign-in. */
  private async markNeedsAuth(record: ServerRecord, connection: McpConnection, what: string, error: unknown): Promise<McpServerError> {
    const name = record.config.name;
    const message = `MCP server "${name}" needs authorization again (HTTP 401 during ${what})`;
    if (record.connection === connection) {
      record.generation += 1;
      record.connection = undefined;
      record.tools = [];
      await connection.close();
      this.setState(record, { status: "needs-auth", error: message, toolCount: 0 });
      this.notifyTools();
      this.emit("server_needs_auth", { server: name, reason: "call", error: message });
    }
    return new McpServerError("mcp_auth_failed", name, message, { cause: error });
  }

  private requestError(server: string, what: string, error: unknown, timeout: number, signal: AbortSignal | undefined): McpServerError {
    if (McpServerError.isInstance(error)) return error;
    const code = (error as { code?: unknown }).code;
    if (signal?.aborted) return new McpServerError("mcp_aborted", server, `MCP server "${server}": ${what} was cancelled`, { cause: error });
    if (code === -32001) {
      return new McpServerError("mcp_tool_timeout", server, `MCP server "${server}": ${what} timed out after ${formatSeconds(timeout)}`, { cause: error });
    }
    if (code === -32000) {
      return new McpServerError("mcp_server_unavailable", server, `MCP server "${server}": connection closed during ${what}`, { cause: error });
    }
    return new McpServerError("mcp_request_failed", server, `MCP server "${server}": ${what} failed: ${oneLine(error)}`, { cause: error });
  }

  private record(server: string): ServerRecord {
    const record = this.records.get(server);
    if (!record) {
      const known = [...this.records.keys()];
      throw new McpServerError("mcp_unknown_server", server, `unknown MCP server "${server}"${known.length > 0 ? ` (configured: ${known.join(", ")})` : " (none configured)"}`);
    }
    return record;
  }

  private connectedRecord(server: string): ServerRecord {
    const record = this.record(server);
    if (record.state.status !== "connected" || !record.connection) {
      const detail = record.state.error ? `: ${record.state.error}` : "";
      throw new McpServerError("mcp_server_unavailable", server, `MCP server "${server}" is not connected (${record.state.status}${detail})`);
    }
    return record;
  }

  private setState(record: ServerRecord, patch: Partial<McpServerState>, clear: (keyof McpServerState)[] = []): void {
    for (const key of clear) delete record.state[key];
    Object.assign(record.state, patch);
    record.state.stderr = record.stderr.snapshot();
    this.options.onStatusChanged?.(this.snapshot(record));
  }

  private snapshot(record: ServerRecord): McpServerState {
    return { ...record.state, stderr: record.stderr.snapshot() };
  }

  private notifyTools(): void {
    this.options.onToolsChanged?.(this.tools());
  }

  private emit(action: string, properties: Record<string, string | number | boolean>): void {
    this.options.telemetry?.emit(analyticsEvent("mcp", action, properties));
  }

  private startupTimeout(record: ServerRecord): number {
    return record.config.startupTimeoutMs ?? this.options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
  }

  private maxRestarts(): number {
    return this.options.maxRestarts ?? DEFAULT_MAX_RESTARTS;
  }

  private configHome(): string {
    return this.options.configHome ?? join(homedir(), ".axion");
  }

  /** Last resort when the process exits without `close()`: no server outlives axion. */
  private killChildrenNow(): void {
    for (const record of this.records.values()) {
      const pid = record.connection?.pid;
      if (pid === undefined) continue;
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
}

function toToolInfo(server: string, tool: Tool): McpToolInfo {
  const info: McpToolInfo = {
    server,
    name: tool.name,
    qualifiedName: mcpToolName(server, tool.name),
    description: tool.description ?? tool.title ?? tool.annotations?.title ?? "",
    inputSchema: (tool.inputSchema ?? { type: "object" }) as Record<string, unknown>,
  };
  if (tool.annotations) info.annotations = tool.annotations as McpToolAnnotations;
  return info;
}

function formatSeconds(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function openInBrowser(url: URL): void {
  const command = process.platform === "darwin" ? "open" : process.platform === "win32" ? "cmd" : "xdg-open";
  const args = process.platform === "win32" ? ["/c", "start", "", url.href] : [url.href];
  const child = spawn(command, args, { stdio: "ignore", detached: true });
  child.on("error", () => undefined);
  child.unref();
  process.stderr.write(`Open this URL to authorize the MCP server:\n${url.href}\n`);
}
