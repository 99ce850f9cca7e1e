import { realpathSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The MCP SDK is loaded on first use, not when axion starts: only a session with MCP servers pays for it.
 * This is the only module that imports SDK values; everything else imports SDK types only.
 */
export async function loadMcpSdk() {
  sdkPromise ??= importSdk();
  return sdkPromise;
}

/**
 * Imports an SDK entry through its real path. pnpm links packages, and a module loaded through the link
 * cannot find the SDK's own dependencies; resolving first and following the link avoids that, bundled or not.
 */
async function importReal<T>(specifier: string, load: () => Promise<T>): Promise<T> {
  // bundled as CommonJS (the axion binary): require resolves through the real path by itself
  if (typeof require === "function") return require(realpathSync(require.resolve(specifier))) as T;
  if (typeof import.meta.resolve !== "function") return load();
  let url: string;
  try {
    url = import.meta.resolve(specifier);
  } catch {
    return load();
  }
  if (!url.startsWith("file:")) return load();
  return (await import(pathToFileURL(realpathSync(fileURLToPath(url))).href)) as T;
}

async function importSdk() {
  const [client, stdio, streamableHttp, sse, auth] = await Promise.all([
    importReal("@modelcontextprotocol/sdk/client/index.js", () => import("@modelcontextprotocol/sdk/client/index.js")),
    importReal("@modelcontextprotocol/sdk/client/stdio.js", () => import("@modelcontextprotocol/sdk/client/stdio.js")),
    importReal("@modelcontextprotocol/sdk/client/streamableHttp.js", () => import("@modelcontextprotocol/sdk/client/streamableHttp.js")),
    importReal("@modelcontextprotocol/sdk/client/sse.js", () => import("@modelcontextprotocol/sdk/client/sse.js")),
    importReal("@modelcontextprotocol/sdk/client/auth.js", () => import("@modelcontextprotocol/sdk/client/auth.js")),
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
