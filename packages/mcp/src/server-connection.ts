import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { loadMcpSdk, type McpSdk } from "./load-mcp-sdk.js";
import { McpServerError } from "./mcp-server-error.js";
import type { McpRemoteServerConfig, McpServerConfig, McpStdioServerConfig } from "./server-config.js";
import type { StderrTail } from "./stderr-tail.js";

export type McpTransportKind = "stdio" | "streamable-http" | "sse";

/** A live client session with one server. */
export interface McpConnection {
  client: Client;
  transportKind: McpTransportKind;
  pid: number | undefined;
  /** How many 401 answers the server gave so far (remote servers). */
  unauthorizedCount(): number;
  close(): Promise<void>;
}

export interface ConnectMcpServerOptions {
  config: McpServerConfig;
  /** Base environment of stdio servers; the entry's `env` is laid over it. */
  env: Readonly<Record<string, string | undefined>>;
  clientInfo: { name: string; version: string };
  timeoutMs: number;
  stderr: StderrTail;
  authProvider?: OAuthClientProvider | undefined;
  /** Called once when an established connection ends without `close()` (a crash). */
  onUnexpectedClose(): void;
  /**
   * Called with a stdio server's pid as soon as it is spawned; what it returns is called once the process has
   * exited (or could not be started after all).
   */
  onProcess?: ((pid: number) => (() => void) | void) | undefined;
  onToolListChanged(): void;
}

/**
 * Starts (stdio) or reaches (http, sse) one server and completes the MCP handshake within `timeoutMs`.
 * `http` tries streamable HTTP first and falls back to SSE, as the spec's backwards-compatibility section says.
 * A 401 from the server becomes a `McpServerError` with code `mcp_auth_failed`.
 */
export async function connectMcpServer(options: ConnectMcpServerOptions): Promise<McpConnection> {
  const sdk = await loadMcpSdk();
  const { config } = options;
  const opened: { client: Client; transport: Transport }[] = [];
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new McpServerError("mcp_server_unavailable", config.name, `did not finish starting within ${formatMs(options.timeoutMs)}`));
    }, options.timeoutMs);
  });
  const attempt = (async (): Promise<McpConnection> => {
    if (config.type === "stdio") return connectStdio(sdk, config, options, opened);
    const authState = { sawUnauthorized: false, count: 0 };
    const fetchRecording = recordingFetch(config.url, authState);
    try {
      if (config.type === "sse") return await connectRemote(sdk, config, options, "sse", fetchRecording, opened);
      try {
        return await connectRemote(sdk, config, options, "streamable-http", fetchRecording, opened);
      } catch (error) {
        if (authState.sawUnauthorized || error instanceof sdk.UnauthorizedError || timedOut) throw error;
        await closeAll(opened);
        try {
          return await connectRemote(sdk, config, options, "sse", fetchRecording, opened);
        } catch (fallbackError) {
          if (authState.sawUnauthorized || fallbackError instanceof sdk.UnauthorizedError) throw fallbackError;
          throw new McpServerError(
            "mcp_server_unavailable",
            config.name,
            `streamable HTTP failed (${oneLine(error)}); SSE fallback failed (${oneLine(fallbackError)})`,
            { cause: fallbackError },
          );
        }
      }
    } catch (error) {
      if (authState.sawUnauthorized || error instanceof sdk.UnauthorizedError) {
        throw new McpServerError("mcp_auth_failed", config.name, `${config.url} requires authorization (HTTP 401)`, { cause: error });
      }
      throw error;
    }
  })();
  attempt.catch(() => undefined);
  try {
    return await Promise.race([attempt, deadline]);
  } catch (error) {
    await closeAll(opened);
    if (McpServerError.isInstance(error)) throw error;
    const detail = error instanceof Error && /ENOENT/.test(error.message) ? `command not found: ${describeCommand(config)}` : oneLine(error);
    throw new McpServerError("mcp_server_unavailable", config.name, detail, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

async function connectStdio(
  sdk: McpSdk,
  config: McpStdioServerConfig,
  options: ConnectMcpServerOptions,
  opened: { client: Client; transport: Transport }[],
): Promise<McpConnection> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, config.env);
  const transport = new sdk.StdioClientTransport({
    command: config.command,
    args: config.args,
    env,
    stderr: "pipe",
    ...(config.cwd ? { cwd: config.cwd } : {}),
  });
  transport.stderr?.on("data", (chunk: Buffer) => options.stderr.push(chunk.toString("utf8")));
  if (options.onProcess !== undefined) reportProcess(transport, options.onProcess);
  const client = createClient(sdk, options);
  opened.push({ client, transport });
  try {
    await client.connect(transport, { timeout: options.timeoutMs });
  } catch (error) {
    // Let the child's last stderr lines arrive before the caller reports them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    throw error;
  }
  return finishConnection(client, transport, "stdio", transport.pid ?? undefined, options, () => 0);
}

/**
 * Tells `onProcess` the server's pid right after the SDK spawns it (its `start` spawns synchronously), and calls
 * the release it returns on the transport's close (the process exited and its pipes closed; the client's own
 * handler, set before `start`, still runs) or when starting failed.
 */
function reportProcess(transport: InstanceType<McpSdk["StdioClientTransport"]>, onProcess: (pid: number) => (() => void) | void): void {
  const start = transport.start.bind(transport);
  transport.start = () => {
    const starting = start();
    const pid = transport.pid;
    if (pid === null) return starting;
    let release = onProcess(pid) ?? undefined;
    const released = (): void => {
      release?.();
      release = undefined;
    };
    const onclose = transport.onclose;
    transport.onclose = () => {
      released();
      onclose?.();
    };
    starting.catch(released);
    return starting;
  };
}

async function connectRemote(
  sdk: McpSdk,
  config: McpRemoteServerConfig,
  options: ConnectMcpServerOptions,
  kind: "streamable-http" | "sse",
  fetchImplementation: typeof fetch & { unauthorizedCount?: () => number },
  opened: { client: Client; transport: Transport }[],
): Promise<McpConnection> {
  const url = new URL(config.url);
  const common = {
    requestInit: { headers: config.headers },
    fetch: fetchImplementation,
    ...(options.authProvider ? { authProvider: options.authProvider } : {}),
  };
  const transport: Transport =
    kind === "sse"
      ? new sdk.SSEClientTransport(url, common)
      : new sdk.StreamableHTTPClientTransport(url, { ...common, reconnectionOptions: { maxRetries: 2, initialReconnectionDelay: 500, maxReconnectionDelay: 5_000, reconnectionDelayGrowFactor: 1.5 } });
  const client = createClient(sdk, options);
  opened.push({ client, transport });
  await client.connect(transport, { timeout: options.timeoutMs });
  return finishConnection(client, transport, kind, undefined, options, fetchImplementation.unauthorizedCount ?? (() => 0));
}

function createClient(sdk: McpSdk, options: ConnectMcpServerOptions): Client {
  return new sdk.Client(options.clientInfo, {
    capabilities: {},
    listChanged: { tools: { autoRefresh: false, debounceMs: 100, onChanged: () => options.onToolListChanged() } },
  });
}

function finishConnection(
  client: Client,
  transport: Transport,
  kind: McpTransportKind,
  pid: number | undefined,
  options: ConnectMcpServerOptions,
  unauthorizedCount: () => number,
): McpConnection {
  let closing = false;
  client.onclose = () => {
    if (!closing) options.onUnexpectedClose();
  };
  return {
    client,
    transportKind: kind,
    pid,
    unauthorizedCount,
    async close() {
      closing = true;
      if (kind === "streamable-http") {
        await (transport as { terminateSession?: () => Promise<void> }).terminateSession?.().catch(() => undefined);
      }
      await closeClient(client, pid);
    },
  };
}

/** Grace after closing stdin before SIGTERM (the SDK alone waits 2 s, which would slow every exit). */
const STDIN_CLOSE_GRACE_MS = 300;

async function closeClient(client: Client, pid: number | undefined): Promise<void> {
  const closing = client.close().catch(() => undefined);
  if (pid === undefined) return closing;
  let finished = false;
  void closing.then(() => (finished = true));
  await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, STDIN_CLOSE_GRACE_MS).unref())]);
  if (!finished) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await closing;
}

async function closeAll(opened: { client: Client; transport: Transport }[]): Promise<void> {
  const all = opened.splice(0);
  await Promise.all(
    all.map(({ client, transport }) => closeClient(client, (transport as { pid?: number | null }).pid ?? undefined).catch(() => transport.close().catch(() => undefined))),
  );
}

/** A fetch that notes whether the server answered 401 (as opposed to the authorization server). */
function recordingFetch(serverUrl: string, state: { sawUnauthorized: boolean; count: number }): typeof fetch & { unauthorizedCount: () => number } {
  const server = new URL(serverUrl);
  const recording = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetch(input, init);
    const requested = new URL(input instanceof Request ? input.url : String(input));
    if (response.status === 401 && requested.origin === server.origin && requested.pathname === server.pathname) {
      state.sawUnauthorized = true;
      state.count += 1;
    }
    return response;
  };
  return Object.assign(recording, { unauthorizedCount: () => state.count }) as typeof fetch & { unauthorizedCount: () => number };
}

function describeCommand(config: McpServerConfig): string {
  return config.type === "stdio" ? config.command : config.url;
}

export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim();
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
