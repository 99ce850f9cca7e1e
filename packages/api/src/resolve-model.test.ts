import { describe, expect, it } from "vitest";
import { resolveAlias, resolveModel } from "./resolve-model.js";

describe("resolveModel", () => {
  it.each([
    ["opus", "anthropic", "claude-opus-4-6"],
    ["Sonnet", "anthropic", "claude-sonnet-4-6"],
    ["haiku", "anthropic", "claude-haiku-4-5"],
    ["opus[1m]", "anthropic", "claude-opus-4-6"],
    ["sonnet[1m]", "anthropic", "claude-sonnet-4-6"],
    ["claude-3-7-sonnet-latest", "anthropic", "claude-3-7-sonnet-latest"],
    ["gpt-4o", "openai", "gpt-4o"],
    ["4o", "openai", "gpt-4o"],
    ["gpt4", "openai", "gpt-4o"],
    ["4o-mini", "openai", "gpt-4o-mini"],
    ["gpt-4.1-mini", "openai", "gpt-4.1-mini"],
    ["gpt-5", "openai", "gpt-5"],
    ["gpt5", "openai", "gpt-5"],
    ["5-mini", "openai", "gpt-5-mini"],
    ["o3-mini", "openai", "o3-mini"],
    ["o1-pro", "openai", "o1-pro"],
    ["o4-mini", "openai", "o4-mini"],
    ["codex", "openai-responses", "gpt-5-codex"],
    ["codex-mini", "openai-responses", "gpt-5-codex-mini"],
    ["gpt-5-codex", "openai-responses", "gpt-5-codex"],
    ["grok", "xai", "grok-3"],
    ["grok2", "xai", "grok-2"],
    ["grok-3-mini", "xai", "grok-3-mini"],
    ["llama", "ollama", "llama3.1"],
    ["local", "ollama", "llama3.1"],
    ["llama4", "ollama", "llama4-scout"],
    ["qwen", "ollama", "qwen2.5-coder"],
    ["qwen2.5-coder:7b", "ollama", "qwen2.5-coder:7b"],
    ["mistral", "ollama", "mistral"],
    ["codellama", "ollama", "codellama"],
    ["deepseek", "ollama", "deepseek-coder-v2"],
    ["phi", "ollama", "phi3"],
    ["gemma", "ollama", "gemma2"],
    ["some-new-model", "anthropic", "some-new-model"],
  ])("%s → %s / %s", (input, provider, model) => {
    expect(resolveModel(input)).toEqual({ provider, model });
  });

  it.each([
    ["anthropic/sonnet", "anthropic", "claude-sonnet-4-6"],
    ["openai/gpt-4o", "openai", "gpt-4o"],
    ["openai/gpt-5-codex", "openai", "gpt-5-codex"],
    ["openai-responses/gpt-5", "openai-responses", "gpt-5"],
    ["xai/grok-4", "xai", "grok-4"],
    ["ollama/qwen2.5-coder", "ollama", "qwen2.5-coder"],
    ["ollama/my-model:latest", "ollama", "my-model:latest"],
    ["openai-compatible/llama", "openai-compatible", "llama"],
    ["openai-compatible/meta-llama/Llama-3-8B", "openai-compatible", "meta-llama/Llama-3-8B"],
  ])("explicit prefix %s → %s / %s", (input, provider, model) => {
    expect(resolveModel(input)).toEqual({ provider, model });
  });

  it("leaves an unknown slash name to the name router", () => {
    expect(resolveModel("meta/llama")).toEqual({ provider: "anthropic", model: "meta/llama" });
  });

  it("passes unknown names through unchanged", () => {
    expect(resolveAlias("My-Model")).toBe("My-Model");
  });
});
