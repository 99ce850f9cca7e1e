import { mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { ProviderName } from "./provider-client.js";

export type Env = Record<string, string | undefined>;

/** Where each provider's credentials may come from, in lookup order. */
export interface CredentialSource {
  /** Env vars holding an API key (sent as `x-api-key` to Anthropic, as a bearer token elsewhere). */
  apiKeyEnv: readonly string[];
  /** Env vars holding a bearer token (Anthropic's `ANTHROPIC_AUTH_TOKEN`). */
  bearerEnv: readonly string[];
  /** File name under `<config home>/credentials/`, if the provider has one. */
  keyFile: string | undefined;
  /** OAuth token file under `<config home>/credentials/` written by `axion login <provider> --oauth`. */
  oauthFile?: string | undefined;
  /** False when the provider works without credentials (Ollama, most OpenAI-compatible servers). */
  required: boolean;
}

export const credentialSources: Readonly<Record<ProviderName, CredentialSource>> = {
  anthropic: { apiKeyEnv: ["ANTHROPIC_API_KEY"], bearerEnv: ["ANTHROPIC_AUTH_TOKEN"], keyFile: "anthropic.key", oauthFile: "anthropic-oauth.json", required: true },
  openai: { apiKeyEnv: ["OPENAI_API_KEY"], bearerEnv: [], keyFile: "openai.key", oauthFile: "openai-oauth.json", required: true },
  "openai-responses": { apiKeyEnv: ["OPENAI_API_KEY"], bearerEnv: [], keyFile: "openai.key", oauthFile: "openai-oauth.json", required: true },
  xai: { apiKeyEnv: ["XAI_API_KEY"], bearerEnv: [], keyFile: "xai.key", oauthFile: "xai-oauth.json", required: true },
  "openai-compatible": { apiKeyEnv: ["OPENAI_COMPATIBLE_API_KEY"], bearerEnv: [], keyFile: undefined, required: false },
  ollama: { apiKeyEnv: [], bearerEnv: [], keyFile: undefined, required: false },
};

/** `configHome` if given, else `env.AXION_CONFIG_HOME`, else `<home>/.axion` (home from `env.HOME`). */
export function resolveConfigHome(env: Env, configHome?: string): string {
  if (configHome !== undefined && configHome !== "") return configHome;
  const fromEnv = env.AXION_CONFIG_HOME;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  return join(env.HOME ?? env.USERPROFILE ?? homedir(), ".axion");
}

export function keyFilePath(configHome: string, provider: ProviderName): string | undefined {
  const file = credentialSources[provider].keyFile;
  return file === undefined ? undefined : join(configHome, "credentials", file);
}

/** A credential found for a provider. `secret` must never be printed or logged. */
export interface ResolvedCredential {
  kind: "api-key" | "bearer";
  secret: string;
  /** Where it came from, safe to print: `option`, `env ANTHROPIC_API_KEY`, `file /…/anthropic.key`. */
  source: string;
}

function readKeyFile(path: string): string | undefined {
  try {
    const text = readFileSync(path, "utf8").trim();
    return text === "" ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read credential file ${path}: ${(error as Error).message}`);
  }
}

/**
 * Every credential available to `provider`, in the order they are used: an explicit key, then env vars,
 * then the key file. Anthropic may yield both an API key and a bearer token.
 */
export function resolveCredentials(
  provider: ProviderName,
  options: { env: Env; configHome?: string | undefined; apiKey?: string | undefined },
): ResolvedCredential[] {
  const sources = credentialSources[provider];
  if (options.apiKey !== undefined && options.apiKey !== "") {
    return [{ kind: "api-key", secret: options.apiKey, source: "option" }];
  }
  const found: ResolvedCredential[] = [];
  for (const name of sources.apiKeyEnv) {
    const value = options.env[name]?.trim();
    if (value) {
      found.push({ kind: "api-key", secret: value, source: `env ${name}` });
      break;
    }
  }
  for (const name of sources.bearerEnv) {
    const value = options.env[name]?.trim();
    if (value) {
      found.push({ kind: "bearer", secret: value, source: `env ${name}` });
      break;
    }
  }
  if (found.length > 0) return found;
  const home = resolveConfigHome(options.env, options.configHome);
  const path = keyFilePath(home, provider);
  if (path !== undefined) {
    const secret = readKeyFile(path);
    if (secret !== undefined) found.push({ kind: "api-key", secret, source: `file ${path}` });
  }
  if (found.length > 0) return found;
  const oauthPath = oauthTokenPath(home, provider);
  if (oauthPath !== undefined) {
    const token = readOAuthToken(oauthPath);
    if (token !== undefined) found.push({ kind: "bearer", secret: token, source: `file ${oauthPath}` });
  }
  return found;
}

/** An OAuth token as `axion login --oauth` stores it. */
export interface StoredOAuthToken {
  access_token: string;
  refresh_token?: string | undefined;
  /** Epoch seconds; absent when the server gave no lifetime. */
  expires_at?: number | undefined;
  scopes?: string[] | undefined;
}

export function oauthTokenPath(configHome: string, provider: ProviderName): string | undefined {
  const file = credentialSources[provider].oauthFile;
  return file === undefined ? undefined : join(configHome, "credentials", file);
}

/** The access token of a stored OAuth login, or undefined when there is none or it has expired. */
function readOAuthToken(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read credential file ${path}: ${(error as Error).message}`);
  }
  let token: StoredOAuthToken;
  try {
    token = JSON.parse(text) as StoredOAuthToken;
  } catch {
    throw new Error(`credential file ${path} is not valid JSON; run axion login again`);
  }
  if (typeof token.access_token !== "string" || token.access_token === "") return undefined;
  if (typeof token.expires_at === "number" && token.expires_at * 1000 <= Date.now()) return undefined;
  return token.access_token;
}

/** Saves an OAuth token to `<config home>/credentials/<provider>-oauth.json` with mode 0600 (folder 0700). */
export function saveOAuthToken(provider: ProviderName, token: StoredOAuthToken, options: { env: Env; configHome?: string }): string {
  const path = oauthTokenPath(resolveConfigHome(options.env, options.configHome), provider);
  if (path === undefined) throw new Error(`${provider}: this provider does not take OAuth logins`);
  mkdirSync(join(path, ".."), { recursive: true, mode: 0o700 });
  // atomic (temporary file, fsync, rename): a kill never leaves a torn or empty token; the temporary file is 0600 too
  writeFileAtomic.sync(path, `${JSON.stringify(token, null, 2)}\n`, { mode: 0o600 });
  return path;
}

/** What `axion doctor` prints per provider: never the key itself. */
export interface CredentialStatus {
  provider: ProviderName;
  available: boolean;
  required: boolean;
  /** Where the credential was found (`env OPENAI_API_KEY`, `file …`), or undefined. */
  source: string | undefined;
  /** What to set when it is missing. */
  envVars: readonly string[];
  keyFile: string | undefined;
}

/** Says which providers have credentials, and where from. */
export function findCredentials(env: Env, configHome?: string): CredentialStatus[] {
  const home = resolveConfigHome(env, configHome);
  return (Object.keys(credentialSources) as ProviderName[]).map((provider) => {
    const sources = credentialSources[provider];
    let found: ResolvedCredential[] = [];
    try {
      found = resolveCredentials(provider, { env, configHome: home });
    } catch {
      found = [];
    }
    return {
      provider,
      available: found.length > 0,
      required: sources.required,
      source: found.length === 0 ? undefined : found.map((credential) => credential.source).join(" + "),
      envVars: [...sources.apiKeyEnv, ...sources.bearerEnv],
      keyFile: keyFilePath(home, provider),
    };
  });
}

/** Saves an API key to `<config home>/credentials/<provider>.key` with mode 0600 (folder 0700). */
export function saveApiKey(provider: ProviderName, key: string, options: { env: Env; configHome?: string }): string {
  const path = keyFilePath(resolveConfigHome(options.env, options.configHome), provider);
  if (path === undefined) throw new Error(`${provider}: this provider has no key file`);
  const folder = join(path, "..");
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  writeFileAtomic.sync(path, `${key.trim()}\n`, { mode: 0o600 });
  return path;
}
