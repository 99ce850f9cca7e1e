import type { ProviderName } from "./provider-client.js";

/** Short names users type, mapped to the model name sent on the wire (matched case-insensitively). */
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
  opus: "claude-opus-4-6",
  sonnet: "claude-sonnet-4-6",
  haiku: "claude-haiku-4-5",
  gpt4: "gpt-4o",
  "gpt-4": "gpt-4o",
  gpt4o: "gpt-4o",
  "4o": "gpt-4o",
  "4o-mini": "gpt-4o-mini",
  gpt5: "gpt-5",
  "5": "gpt-5",
  "5-mini": "gpt-5-mini",
  "5-nano": "gpt-5-nano",
  "5-pro": "gpt-5-pro",
  "gpt5-mini": "gpt-5-mini",
  "gpt5-nano": "gpt-5-nano",
  "gpt5-pro": "gpt-5-pro",
  codex: "gpt-5-codex",
  "codex-mini": "gpt-5-codex-mini",
  grok: "grok-3",
  grok2: "grok-2",
  grok3: "grok-3",
  "grok-mini": "grok-3-mini",
  local: "llama3.1",
  llama: "llama3.1",
  llama4: "llama4-scout",
  deepseek: "deepseek-coder-v2",
  phi: "phi3",
  gemma: "gemma2",
  qwen: "qwen2.5-coder",
};

/** Explicit `prefix/model` routes. `openai/` is always chat completions, even for a Codex model. */
const PROVIDER_PREFIXES: Readonly<Record<string, ProviderName>> = {
  anthropic: "anthropic",
  openai: "openai",
  xai: "xai",
  ollama: "ollama",
  "openai-compatible": "openai-compatible",
  "openai-responses": "openai-responses",
};

const OLLAMA_FAMILIES = ["llama", "mistral", "codellama", "deepseek", "phi", "gemma", "qwen"];

export interface ResolvedModel {
  provider: ProviderName;
  /** The model name sent on the wire. */
  model: string;
}

/** Removes a trailing bracket tag such as `[1m]` (`opus[1m]` → `opus`). */
function stripBracketSuffix(name: string): string {
  return name.replace(/\[[^\]]*\]\s*$/, "").trim();
}

/** Maps an alias to its model name; anything else is returned unchanged (minus a `[…]` suffix). */
export function resolveAlias(name: string): string {
  const stripped = stripBracketSuffix(name.trim());
  return MODEL_ALIASES[stripped.toLowerCase()] ?? stripped;
}

/** The provider a bare (alias-resolved) model name goes to. Unknown names go to Anthropic. */
export function routeModel(model: string): ProviderName {
  const lower = model.toLowerCase();
  if (lower.startsWith("claude-")) return "anthropic";
  if (lower.startsWith("grok-")) return "xai";
  if (lower.includes("codex")) return "openai-responses";
  if (/^(gpt-|o1|o3|o4)/.test(lower)) return "openai";
  if (OLLAMA_FAMILIES.some((family) => lower.startsWith(family))) return "ollama";
  return "anthropic";
}

/**
 * Resolves what a user typed into a provider and a wire model name.
 *
 * - `sonnet` → anthropic / claude-sonnet-4-6; `codex` → openai-responses / gpt-5-codex; `opus[1m]` → opus.
 * - Routing by name: claude-* → anthropic, grok-* → xai, *codex* → openai-responses, gpt-/o1/o3/o4 → openai,
 *   llama/mistral/codellama/deepseek/phi/gemma/qwen → ollama, anything else → anthropic.
 * - An explicit prefix wins: `anthropic/…`, `openai/…` (chat completions, even for `openai/gpt-5-codex`),
 *   `openai-responses/…`, `xai/…`, `ollama/…`, `openai-compatible/…` (model name passed through untouched).
 */
export function resolveModel(name: string): ResolvedModel {
  const trimmed = name.trim();
  const slash = trimmed.indexOf("/");
  if (slash > 0) {
    const prefix = trimmed.slice(0, slash).toLowerCase();
    const provider = PROVIDER_PREFIXES[prefix];
    if (provider !== undefined) {
      const rest = trimmed.slice(slash + 1);
      const model = provider === "openai-compatible" ? stripBracketSuffix(rest) : resolveAlias(rest);
      return { provider, model };
    }
  }
  const model = resolveAlias(trimmed);
  return { provider: routeModel(model), model };
}
