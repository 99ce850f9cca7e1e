import { MODEL_ALIASES, type ProviderName } from "@axion/api";

export interface ModelGroup {
  /** Shown as the heading. */
  label: string;
  /** Where the credentials are looked up. */
  provider: ProviderName;
  models: readonly string[];
}

/** The models `/models` offers per provider (Ollama's come from the running server). */
export const MODEL_GROUPS: readonly ModelGroup[] = [
  { label: "Anthropic", provider: "anthropic", models: ["claude-opus-4-6", "claude-sonnet-4-6", "claude-haiku-4-5"] },
  { label: "OpenAI", provider: "openai", models: ["gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini", "o3", "o3-mini", "o4-mini"] },
  { label: "OpenAI Codex (Responses API)", provider: "openai-responses", models: ["gpt-5-codex", "gpt-5-codex-mini"] },
  { label: "xAI", provider: "xai", models: ["grok-3", "grok-3-mini", "grok-2"] },
];

/** Aliases that resolve to `model`, e.g. `sonnet` for `claude-sonnet-4-6`. */
export function aliasesOf(model: string): string[] {
  return Object.entries(MODEL_ALIASES)
    .filter(([, target]) => target === model)
    .map(([alias]) => alias);
}

/** Every alias and catalogue name, for completion. */
export function knownModelNames(): string[] {
  return [...new Set([...Object.keys(MODEL_ALIASES), ...MODEL_GROUPS.flatMap((group) => group.models)])].sort();
}
