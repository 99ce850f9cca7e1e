import { findCredentials, listOllamaModels, resolveBaseUrl, routeModel, type CredentialStatus } from "@axion/api";
import type { SlashCommand } from "../command-host.js";
import { aliasesOf, MODEL_GROUPS } from "../support/model-catalog.js";

const OLLAMA_TIMEOUT_MS = 1_500;

/** `/models`: the models of each provider, whether its credentials are set, and the local Ollama models. */
export const modelsCommand: SlashCommand = {
  name: "models",
  category: "Model & Permissions",
  summary: "List the models by provider (● marks the current one)",
  async run(_args, host) {
    const { model: current, provider: currentProvider } = host.session;
    const credentials = findCredentials({ ...host.env }, host.configHome);
    const lines: string[] = [];
    for (const group of MODEL_GROUPS) {
      lines.push(`${group.label} — ${credentialLine(credentials.find((entry) => entry.provider === group.provider))}`);
      for (const model of group.models) {
        const marker = model === current && group.provider === currentProvider ? "●" : " ";
        const aliases = aliasesOf(model);
        lines.push(`  ${marker} ${model}${aliases.length === 0 ? "" : ` (${aliases.join(", ")})`}`);
      }
      lines.push("");
    }
    let baseUrl: string;
    try {
      baseUrl = resolveBaseUrl("ollama", { ...host.env });
    } catch (error) {
      lines.push(`Ollama — ${(error as Error).message}`);
      return { output: finish(lines) };
    }
    try {
      const local = await listOllamaModels(baseUrl, { timeoutMs: OLLAMA_TIMEOUT_MS });
      lines.push(`Ollama (local, ${baseUrl}) — ${local.length === 0 ? "no models pulled yet (ollama pull llama3.1)" : "running"}`);
      for (const entry of local) {
        const name = routeModel(entry.name) === "ollama" ? entry.name : `ollama/${entry.name}`;
        const marker = currentProvider === "ollama" && entry.name === current ? "●" : " ";
        lines.push(`  ${marker} ${name}`);
      }
    } catch {
      lines.push(`Ollama (local) — not running at ${baseUrl}`);
    }
    return { output: finish(lines) };
  },
};

function credentialLine(status: CredentialStatus | undefined): string {
  if (status === undefined) return "unknown provider";
  if (status.available) return `key from ${status.source ?? "unknown source"}`;
  const login = status.provider === "openai-responses" ? "openai" : status.provider;
  return `no key (set ${status.envVars.join(" or ")} or run /login ${login})`;
}

function finish(lines: string[]): string {
  return `${lines.join("\n").trimEnd()}\n\nSwitch with /model <name>.`;
}
