import { findCredentials, listOllamaModels, resolveModel } from "@axion/api";

export const DEFAULT_MODEL = "claude-sonnet-4-6";

/** Why no model could be used, with the exact ways to configure one. */
export class NoProviderError extends Error {
  readonly code = "no_provider";
  constructor() {
    super(
      [
        "no model provider is configured. Set one of:",
        "  ANTHROPIC_API_KEY=…            (Anthropic; or `axion login`)",
        "  OPENAI_API_KEY=…               (OpenAI, incl. Codex models: --model gpt-5-codex)",
        "  XAI_API_KEY=…                  (xAI: --model grok)",
        "  OLLAMA_BASE_URL=http://host:11434 with --model ollama/<model>   (a local Ollama)",
        "  OPENAI_COMPATIBLE_BASE_URL=http://host:port/v1 with --model openai-compatible/<model>   (LM Studio, vLLM, llama.cpp)",
      ].join("\n"),
    );
    this.name = "NoProviderError";
  }
}

/**
 * The model to use: the flag, then config/env (`AXION_MODEL`, settings `model`), then whatever provider has
 * credentials (Anthropic → Sonnet, OpenAI → gpt-4o, xAI → grok), then a live local Ollama.
 */
export async function selectModel(options: {
  flag?: string | undefined;
  configured?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  configHome: string;
  /** Ask a local Ollama for its models when nothing else is configured (default true). */
  probeOllama?: boolean | undefined;
}): Promise<string> {
  if (options.flag) return options.flag;
  if (options.configured) return options.configured;
  const found = findCredentials(options.env, options.configHome);
  const has = (provider: string) => found.some((entry) => entry.provider === provider && entry.available && entry.required);
  if (has("anthropic")) return DEFAULT_MODEL;
  if (has("openai")) return "gpt-4o";
  if (has("xai")) return "grok";
  if (options.probeOllama === false) throw new NoProviderError();
  try {
    const models = await listOllamaModels(options.env["OLLAMA_BASE_URL"] ?? "http://127.0.0.1:11434", { timeoutMs: 800 });
    const first = models[0];
    if (first) return `ollama/${first.name}`;
  } catch {
    // no local Ollama answered: fall through to the instructions
  }
  throw new NoProviderError();
}

export function describeModel(model: string): { provider: string; model: string } {
  const resolved = resolveModel(model);
  return { provider: resolved.provider, model: resolved.model };
}
