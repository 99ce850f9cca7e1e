import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { saveOAuthToken, type ProviderName } from "@axion/api";
import { UsageError } from "../cli-flags.js";

/** `oauth.<provider>` in settings: the provider's own OAuth client, registered by the user. */
export interface OAuthProviderConfig {
  clientId: string;
  authorizeUrl: string;
  tokenUrl: string;
  scopes: string[];
  /** Port of the local callback (0 = any free port). Default 4545. */
  callbackPort: number;
}

/** Reads `oauth.<provider>` from merged settings; every problem names the key. */
export function oauthConfigFor(settings: Record<string, unknown>, provider: string): OAuthProviderConfig {
  const section = (settings["oauth"] as Record<string, unknown> | undefined)?.[provider] as Record<string, unknown> | undefined;
  const where = `settings oauth.${provider}`;
  if (section === undefined) {
    throw new UsageError(
      `${where} is not configured: OAuth needs the provider's own client (clientId, authorizeUrl, tokenUrl); axion never uses another application's client id`,
    );
  }
  const text = (key: string): string => {
    const value = section[key];
    if (typeof value !== "string" || value.trim() === "") throw new UsageError(`${where}.${key}: expected a non-empty string`);
    return value;
  };
  const scopes = section["scopes"] ?? [];
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === "string")) throw new UsageError(`${where}.scopes: expected an array of strings`);
  const port = section["callbackPort"] ?? 4545;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${where}.callbackPort: expected a port number`);
  return { clientId: text("clientId"), authorizeUrl: text("authorizeUrl"), tokenUrl: text("tokenUrl"), scopes: scopes as string[], callbackPort: port };
}

const base64Url = (bytes: Buffer): string => bytes.toString("base64url");

/**
 * OAuth 2.0 authorization code flow with PKCE (S256) and a local callback on 127.0.0.1: prints the URL to open,
 * waits for the redirect, checks `state`, exchanges the code and stores the token 0600 under the config home.
 */
export async function oauthLogin(options: {
  provider: ProviderName;
  config: OAuthProviderConfig;
  configHome: string;
  env: Readonly<Record<string, string | undefined>>;
  write: (text: string) => void;
  timeoutMs?: number;
}): Promise<string> {
  const verifier = base64Url(randomBytes(32));
  const challenge = base64Url(createHash("sha256").update(verifier).digest());
  const state = base64Url(randomBytes(16));
  let redirectUri = "";

  const codePromise = new Promise<string>((resolve, reject) => {
    const server = createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      if (url.pathname !== "/callback") {
        response.writeHead(404).end();
        return;
      }
      const finish = (status: number, message: string) => {
        response.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close" }).end(`${message}\n`);
        server.close();
        clearTimeout(timer);
      };
      const error = url.searchParams.get("error");
      if (error) {
        finish(400, `Sign-in failed: ${error}. You can close this tab.`);
        reject(new UsageError(`${options.provider} sign-in failed: ${error} ${url.searchParams.get("error_description") ?? ""}`.trim()));
        return;
      }
      if (url.searchParams.get("state") !== state) {
        finish(400, "Sign-in failed: the state does not match. You can close this tab.");
        reject(new UsageError(`${options.provider} sign-in failed: the callback's state does not match (possible forgery); try again`));
        return;
      }
      const code = url.searchParams.get("code");
      if (!code) {
        finish(400, "Sign-in failed: no code. You can close this tab.");
        reject(new UsageError(`${options.provider} sign-in failed: the callback carried no code`));
        return;
      }
      finish(200, "Signed in to axion. You can close this tab.");
      resolve(code);
    });
    const timer = setTimeout(() => {
      server.close();
      reject(new UsageError(`${options.provider} sign-in timed out: no redirect arrived on ${redirectUri}`));
    }, options.timeoutMs ?? 5 * 60_000);
    server.on("error", (error) => reject(new UsageError(`cannot listen for the OAuth callback on port ${options.config.callbackPort}: ${error.message}`)));
    server.listen(options.config.callbackPort, "127.0.0.1", () => {
      redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
      const authorize = new URL(options.config.authorizeUrl);
      authorize.searchParams.set("response_type", "code");
      authorize.searchParams.set("client_id", options.config.clientId);
      authorize.searchParams.set("redirect_uri", redirectUri);
      if (options.config.scopes.length > 0) authorize.searchParams.set("scope", options.config.scopes.join(" "));
      authorize.searchParams.set("state", state);
      authorize.searchParams.set("code_challenge", challenge);
      authorize.searchParams.set("code_challenge_method", "S256");
      options.write(`Open this address in a browser to sign in to ${options.provider}:\n${authorize.href}\nWaiting for the redirect on ${redirectUri} …\n`);
    });
  });

  const code = await codePromise;
  const response = await fetch(options.config.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri, client_id: options.config.clientId, code_verifier: verifier }),
  }).catch((error: unknown) => {
    throw new UsageError(`${options.config.tokenUrl}: token request failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown; scope?: unknown; error?: unknown };
  if (!response.ok || typeof body.access_token !== "string") {
    throw new UsageError(`${options.config.tokenUrl}: token exchange failed (HTTP ${response.status}${typeof body.error === "string" ? `, ${body.error}` : ""})`);
  }
  return saveOAuthToken(
    options.provider,
    {
      access_token: body.access_token,
      ...(typeof body.refresh_token === "string" ? { refresh_token: body.refresh_token } : {}),
      ...(typeof body.expires_in === "number" ? { expires_at: Math.floor(Date.now() / 1000) + body.expires_in } : {}),
      scopes: typeof body.scope === "string" ? body.scope.split(" ") : options.config.scopes,
    },
    { env: options.env as Record<string, string | undefined>, configHome: options.configHome },
  );
}
