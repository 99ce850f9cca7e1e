import { createRedactingSink, noopSink } from "@axion/telemetry";
import { credentialSources, keyFilePath, resolveConfigHome, resolveCredentials, type Env } from "./credentials.js";
import { InvalidRequestError, MissingCredentialsError } from "./errors.js";
import type { ProviderClient, ProviderClientOptions, ProviderName } from "./provider-client.js";
import { createAnthropicClient, ANTHROPIC_DEFAULT_BASE_URL } from "./providers/anthropic/create-anthropic-client.js";
import { createOllamaClient, OLLAMA_DEFAULT_BASE_URL } from "./providers/ollama/create-ollama-client.js";
import {
  createOpenAiChatClient,
  OPENAI_DEFAULT_BASE_URL,
  XAI_DEFAULT_BASE_URL,
} from "./providers/openai-chat/create-openai-chat-client.js";
import { createOpenAiResponsesClient } from "./providers/openai-responses/create-openai-responses-client.js";
import type { ProviderSettings } from "./providers/provider-settings.js";
import { resolveModel } from "./resolve-model.js";
import { resolveRetrySettings } from "./retry.js";

const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 600_000;

/** The overall request timeout: the option, else `AXION_REQUEST_TIMEOUT_MS`, else 10 minutes. */
export function resolveRequestTimeoutMs(env: Env, option: number | undefined): number {
  if (option !== undefined) {
    if (!Number.isFinite(option) || option <= 0) {
      throw new InvalidRequestError(`unknown: requestTimeoutMs must be a positive number of milliseconds, got ${String(option)}`, { provider: "unknown" });
    }
    return option;
  }
  const fromEnv = env["AXION_REQUEST_TIMEOUT_MS"]?.trim();
  if (fromEnv === undefined || fromEnv === "") return DEFAULT_REQUEST_TIMEOUT_MS;
  const value = Number(fromEnv);
  if (!/^\d+(\.\d+)?$/.test(fromEnv) || value <= 0) {
    throw new InvalidRequestError(`unknown: AXION_REQUEST_TIMEOUT_MS must be a positive number of milliseconds, got "${fromEnv}"`, {
      provider: "unknown",
    });
  }
  return value;
}

interface BaseUrlSource {
  envVar: string | undefined;
  fallback: string | undefined;
}

/** Where each provider's base URL comes from when no option is given. */
export const BASE_URL_SOURCES: Readonly<Record<ProviderName, BaseUrlSource>> = {
  anthropic: { envVar: "ANTHROPIC_BASE_URL", fallback: ANTHROPIC_DEFAULT_BASE_URL },
  openai: { envVar: "OPENAI_BASE_URL", fallback: OPENAI_DEFAULT_BASE_URL },
  "openai-responses": { envVar: "OPENAI_BASE_URL", fallback: OPENAI_DEFAULT_BASE_URL },
  xai: { envVar: "XAI_BASE_URL", fallback: XAI_DEFAULT_BASE_URL },
  "openai-compatible": { envVar: "OPENAI_COMPATIBLE_BASE_URL", fallback: undefined },
  ollama: { envVar: "OLLAMA_BASE_URL", fallback: OLLAMA_DEFAULT_BASE_URL },
};

export function resolveBaseUrl(provider: ProviderName, env: Env, baseUrl?: string): string {
  const source = BASE_URL_SOURCES[provider];
  const fromEnv = source.envVar === undefined ? undefined : env[source.envVar]?.trim();
  const chosen = baseUrl?.trim() || fromEnv || source.fallback;
  if (chosen === undefined || chosen === "") {
    throw new InvalidRequestError(
      `${provider}: no base URL; set ${source.envVar ?? "the baseUrl option"} (for example http://localhost:1234/v1)`,
      { provider },
    );
  }
  try {
    new URL(chosen);
  } catch {
    const where = baseUrl?.trim() ? "the baseUrl option" : (source.envVar ?? "the baseUrl option");
    throw new InvalidRequestError(`${provider}: ${where} is not a valid URL: ${chosen}`, { provider });
  }
  return chosen.replace(/\/+$/, "");
}

/**
 * Builds a client for `options.model`: resolves the alias, routes to a provider (see resolveModel), finds the
 * credentials (option, env vars, then `<config home>/credentials/<provider>.key`) and the base URL.
 * Throws MissingCredentialsError when a provider that needs a key has none.
 */
export function createProviderClient(options: ProviderClientOptions): ProviderClient {
  const env: Env = options.env ?? process.env;
  if (options.model.trim() === "") {
    throw new InvalidRequestError("unknown: the model name is empty; pass a model such as sonnet or gpt-5", {
      provider: "unknown",
    });
  }
  const { provider, model } = resolveModel(options.model);
  const configHome = resolveConfigHome(env, options.configHome);
  const credentials = resolveCredentials(provider, { env, configHome, apiKey: options.apiKey });
  const sources = credentialSources[provider];
  if (credentials.length === 0 && sources.required) {
    throw new MissingCredentialsError(provider, [...sources.apiKeyEnv, ...sources.bearerEnv], keyFilePath(configHome, provider));
  }
  const retry = resolveRetrySettings(options.retry, options.onRetry);
  const requestTimeoutMs = resolveRequestTimeoutMs(env, options.requestTimeoutMs);
  const settings: ProviderSettings = {
    provider,
    model,
    baseUrl: resolveBaseUrl(provider, env, options.baseUrl),
    credentials,
    headers: options.headers ?? {},
    http: {
      provider,
      telemetry: createRedactingSink(options.telemetry ?? noopSink),
      sessionId: options.sessionId,
      idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
      requestTimeoutMs,
      now: retry.now,
    },
    retry,
    reasoningEffort: options.reasoningEffort,
  };
  switch (provider) {
    case "anthropic":
      return createAnthropicClient(settings);
    case "openai":
    case "xai":
    case "openai-compatible":
      return createOpenAiChatClient(settings);
    case "openai-responses":
      return createOpenAiResponsesClient(settings);
    case "ollama":
      return createOllamaClient(settings);
  }
}
