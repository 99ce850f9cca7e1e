import { credentialSources, findCredentials, type CredentialStatus, type ProviderName } from "@axion/api";
import { CommandError } from "../command-error.js";
import type { CommandHost } from "../command-host.js";
import { formatTable } from "../text/format-text.js";

/** Providers with a key file, the ones `/login` and `/logout` handle. */
export const LOGIN_PROVIDERS: readonly ProviderName[] = ["anthropic", "openai", "xai"];

/** The provider whose key file a session provider uses (`openai-responses` shares OpenAI's key). */
export function keyProviderOf(provider: string): ProviderName | undefined {
  if (provider === "openai-responses") return "openai";
  return (LOGIN_PROVIDERS as readonly string[]).includes(provider) ? (provider as ProviderName) : undefined;
}

/** Parses a provider argument; `codex` and `openai-responses` mean `openai`. */
export function parseLoginProvider(text: string, command: string): ProviderName {
  const lower = text.toLowerCase();
  const provider = lower === "codex" || lower === "chatgpt" ? "openai" : lower === "claude" ? "anthropic" : lower === "grok" ? "xai" : keyProviderOf(lower);
  if (provider === undefined) {
    throw new CommandError("command_usage", `/${command}: unknown provider "${text}"; expected one of ${LOGIN_PROVIDERS.join(", ")}`);
  }
  return provider;
}

/** The env var that holds the provider's key and is set, if any (it wins over the key file). */
export function envKeyOf(host: CommandHost, provider: ProviderName): string | undefined {
  return credentialSources[provider].apiKeyEnv.find((name) => (host.env[name]?.trim() ?? "") !== "");
}

/** One line per provider: where its credentials come from. */
export function renderCredentialTable(host: CommandHost): string {
  const statuses = findCredentials({ ...host.env }, host.configHome).filter(
    (status) => (LOGIN_PROVIDERS as readonly string[]).includes(status.provider) || status.provider === "ollama",
  );
  return formatTable(statuses.map((status) => [status.provider, describeStatus(status)]), "  ");
}

function describeStatus(status: CredentialStatus): string {
  if (status.available) return `API key from ${status.source ?? "unknown source"}`;
  if (!status.required) return "no key needed";
  return `no key (set ${status.envVars.join(" or ")} or /login ${status.provider} <key>)`;
}
