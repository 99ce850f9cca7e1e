import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { OAuthClientProvider, OAuthDiscoveryState } from "@modelcontextprotocol/sdk/client/auth.js";
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { McpConfigError } from "./expand-env.js";
import type { McpOAuthConfig } from "./server-config.js";
import { normalizeMcpNamePart } from "./tool-name.js";

/** What `<configHome>/credentials/mcp-<server>.json` holds. */
export interface McpCredentialsFile {
  tokens?: OAuthTokens;
  clientInformation?: OAuthClientInformationMixed;
  codeVerifier?: string;
  discoveryState?: OAuthDiscoveryState;
  /** The redirect URL the client was last registered with. */
  redirectUrl?: string;
}

/** Where the OAuth credentials of one server are kept. */
export function mcpCredentialsPath(configHome: string, serverName: string): string {
  return join(configHome, "credentials", `mcp-${normalizeMcpNamePart(serverName)}.json`);
}

/** Reads a server's stored credentials; `{}` when there are none. A corrupt file is an error naming it. */
export async function readMcpCredentials(configHome: string, serverName: string): Promise<McpCredentialsFile> {
  const path = mcpCredentialsPath(configHome, serverName);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("expected a JSON object");
    return parsed as McpCredentialsFile;
  } catch (error) {
    throw new McpConfigError(`${path}: invalid credentials file: ${(error as Error).message}`, serverName);
  }
}

/**
 * Writes a server's credentials with mode 0600, atomically (write-file-atomic: a 0600 temporary file, fsynced,
 * renamed over the file; concurrent writes of one file in this process are queued, and the last one wins).
 */
export async function writeMcpCredentials(configHome: string, serverName: string, credentials: McpCredentialsFile): Promise<void> {
  const path = mcpCredentialsPath(configHome, serverName);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
}

/** Removes a server's stored credentials (logout). */
export async function deleteMcpCredentials(configHome: string, serverName: string): Promise<void> {
  await rm(mcpCredentialsPath(configHome, serverName), { force: true });
}

export interface FileOAuthClientProviderOptions {
  serverName: string;
  configHome: string;
  oauth?: McpOAuthConfig | undefined;
  /** The local redirect URL for an interactive flow; absent for background connections. */
  redirectUrl?: string | undefined;
  /**
   * Called with the authorization URL when the user must sign in. Absent for background connections: the
   * connection then fails with the SDK's `UnauthorizedError` and the server is marked needs-auth.
   */
  onAuthorizationUrl?: ((url: URL) => void | Promise<void>) | undefined;
  clientName?: string | undefined;
  /**
   * False for background connections: stored tokens are used and refreshed, but no client is registered and
   * no sign-in is started (the server is then marked needs-auth). Default true.
   */
  interactive?: boolean | undefined;
}

/**
 * The SDK's `OAuthClientProvider`, backed by a 0600 JSON file per server. Everything the SDK hands over
 * (tokens, client information, discovery state) is stored unchanged, as the SDK asks.
 */
export class FileOAuthClientProvider implements OAuthClientProvider {
  private readonly options: FileOAuthClientProviderOptions;
  private cache: McpCredentialsFile | undefined;
  private currentState: string | undefined;
  /** The last authorization URL the SDK asked to open. */
  authorizationUrl: URL | undefined;

  constructor(options: FileOAuthClientProviderOptions) {
    this.options = options;
    if (options.interactive !== false) {
      this.saveClientInformation = async (clientInformation) => {
        await this.update({ clientInformation, ...(options.redirectUrl ? { redirectUrl: options.redirectUrl } : {}) });
      };
    }
  }

  get redirectUrl(): string | undefined {
    return this.options.redirectUrl ?? this.cache?.redirectUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    const redirect = this.redirectUrl;
    const metadata: OAuthClientMetadata = {
      client_name: this.options.clientName ?? "axion",
      redirect_uris: redirect ? [redirect] : [],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: this.options.oauth?.clientSecret ? "client_secret_post" : "none",
    };
    const scopes = this.options.oauth?.scopes;
    if (scopes && scopes.length > 0) metadata.scope = scopes.join(" ");
    return metadata;
  }

  state(): string {
    this.currentState = randomBytes(16).toString("hex");
    return this.currentState;
  }

  /** The `state` sent with the last authorization request. */
  get expectedState(): string | undefined {
    return this.currentState;
  }

  async clientInformation(): Promise<OAuthClientInformationMixed | undefined> {
    const configured = this.options.oauth;
    if (configured?.clientId) {
      const stored = (await this.load()).clientInformation;
      // Keep what the SDK stamped (issuer) on a configured client id; never invent a secret.
      if (stored && stored.client_id === configured.clientId) return stored;
      return { client_id: configured.clientId, ...(configured.clientSecret ? { client_secret: configured.clientSecret } : {}) };
    }
    const stored = (await this.load()).clientInformation;
    if (!stored) return undefined;
    const registered = (stored as { redirect_uris?: unknown }).redirect_uris;
    const redirect = this.options.redirectUrl;
    // A dynamically registered client is tied to its redirect URIs: register again for a new local port.
    if (redirect && Array.isArray(registered) && !registered.includes(redirect)) return undefined;
    return stored;
  }

  /**
   * Present only for interactive flows: without it the SDK does not register a client dynamically, so a
   * background connection never creates registrations at the authorization server.
   */
  saveClientInformation?: (clientInformation: OAuthClientInformationMixed) => Promise<void>;

  async tokens(): Promise<OAuthTokens | undefined> {
    return (await this.load()).tokens;
  }

  async saveTokens(tokens: OAuthTokens): Promise<void> {
    await this.update({ tokens });
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    this.authorizationUrl = authorizationUrl;
    await this.options.onAuthorizationUrl?.(authorizationUrl);
  }

  async saveCodeVerifier(codeVerifier: string): Promise<void> {
    this.assertInteractive();
    await this.update({ codeVerifier });
  }

  async codeVerifier(): Promise<string> {
    const verifier = (await this.load()).codeVerifier;
    if (!verifier) throw new Error(`no PKCE code verifier saved for MCP server "${this.options.serverName}"`);
    return verifier;
  }

  async saveDiscoveryState(state: OAuthDiscoveryState): Promise<void> {
    await this.update({ discoveryState: state });
  }

  async discoveryState(): Promise<OAuthDiscoveryState | undefined> {
    return (await this.load()).discoveryState;
  }

  async invalidateCredentials(scope: "all" | "client" | "tokens" | "verifier" | "discovery"): Promise<void> {
    const current = { ...(await this.load()) };
    if (scope === "all" || scope === "tokens") delete current.tokens;
    if (scope === "all" || scope === "client") delete current.clientInformation;
    if (scope === "all" || scope === "verifier") delete current.codeVerifier;
    if (scope === "all" || scope === "discovery") delete current.discoveryState;
    this.cache = current;
    await writeMcpCredentials(this.options.configHome, this.options.serverName, current);
  }

  private assertInteractive(): void {
    if (this.options.interactive === false) {
      throw new Error(`MCP server "${this.options.serverName}" needs a new sign-in (run its authorization)`);
    }
  }

  private async load(): Promise<McpCredentialsFile> {
    this.cache ??= await readMcpCredentials(this.options.configHome, this.options.serverName);
    return this.cache;
  }

  private async update(patch: Partial<McpCredentialsFile>): Promise<void> {
    const next = { ...(await this.load()), ...patch };
    this.cache = next;
    await writeMcpCredentials(this.options.configHome, this.options.serverName, next);
  }
}
