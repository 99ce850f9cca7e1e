/**
 * The MCP SDK is loaded on first use, not when axion starts: only a session with MCP servers pays for it.
 * This is the only module that imports SDK values; everything else imports SDK types only.
 */
export async function loadMcpSdk() {
  sdkPromise ??= importSdk();
  return sdkPromise;
}

async function importSdk() {
  const [client, stdio, streamableHttp, sse, auth] = await Promise.all([
    import("@modelcontextprotocol/sdk/client/index.js"),
    import("@modelcontextprotocol/sdk/client/stdio.js"),
    import("@modelcontextprotocol/sdk/client/streamableHttp.js"),
    import("@modelcontextprotocol/sdk/client/sse.js"),
    import("@modelcontextprotocol/sdk/client/auth.js"),
  ]);
  return {
    Client: client.Client,
    StdioClientTransport: stdio.StdioClientTransport,
    StreamableHTTPClientTransport: streamableHttp.StreamableHTTPClientTransport,
    SSEClientTransport: sse.SSEClientTransport,
    UnauthorizedError: auth.UnauthorizedError,
    auth: auth.auth,
  };
}

let sdkPromise: ReturnType<typeof importSdk> | undefined;

export type McpSdk = Awaited<ReturnType<typeof importSdk>>;
