import { FileOAuthClientProvider } from "./file-oauth-provider.js";
import { loadMcpSdk } from "./load-mcp-sdk.js";
import { McpServerError } from "./mcp-server-error.js";
import { startOAuthCallbackServer } from "./oauth-callback-server.js";
import type { McpRemoteServerConfig } from "./server-config.js";
import { oneLine } from "./server-connection.js";

export interface AuthorizeMcpServerOptions {
  configHome: string;
  /** Shows the authorization URL to the user (opens a browser, prints it, or — in tests — follows it). */
  openAuthorizationUrl: (url: URL) => void | Promise<void>;
  timeoutMs: number;
  clientName?: string | undefined;
}

/**
 * Runs the OAuth authorization-code flow (PKCE, dynamic client registration when no client id is configured)
 * for one remote server through the SDK's `auth()`, with a local redirect listener on 127.0.0.1.
 * The tokens end up in `<configHome>/credentials/mcp-<server>.json`.
 */
export async function authorizeMcpServer(config: McpRemoteServerConfig, options: AuthorizeMcpServerOptions): Promise<void> {
  const sdk = await loadMcpSdk();
  const callback = await startOAuthCallbackServer(config.oauth?.callbackPort ?? 0);
  try {
    const provider = new FileOAuthClientProvider({
      serverName: config.name,
      configHome: options.configHome,
      oauth: config.oauth,
      redirectUrl: callback.redirectUrl,
      onAuthorizationUrl: options.openAuthorizationUrl,
      clientName: options.clientName,
    });
    const fetchWithHeaders: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      for (const [key, value] of Object.entries(config.headers)) if (!headers.has(key)) headers.set(key, value);
      return fetch(input, { ...init, headers });
    };
    const serverUrl = new URL(config.url);
    let result: "AUTHORIZED" | "REDIRECT";
    try {
      result = await sdk.auth(provider, { serverUrl, fetchFn: fetchWithHeaders });
      if (result === "REDIRECT") {
        const code = await callback.waitForCode(() => provider.expectedState, options.timeoutMs);
        result = await sdk.auth(provider, { serverUrl, authorizationCode: code, fetchFn: fetchWithHeaders });
      }
    } catch (error) {
      throw new McpServerError("mcp_auth_failed", config.name, `authorization failed: ${oneLine(error)}`, { cause: error });
    }
    if (result !== "AUTHORIZED") throw new McpServerError("mcp_auth_failed", config.name, "authorization did not complete");
  } finally {
    await callback.close();
  }
}
