import { resolveModel } from "@axion/api";
import { CommandError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";
import { knownModelNames } from "../support/model-catalog.js";

/** `/model [name]`: shows the model, or switches it (and the provider client) for the next turn. */
export const modelCommand: SlashCommand = {
  name: "model",
  category: "Model & Permissions",
  summary: "Show the model, or switch to another (any provider)",
  usage: "[name]",
  details:
    "Accepts a model name, an alias (sonnet, opus, haiku, gpt-5, 4o, codex, grok, llama, …) or provider/model " +
    "(openai/gpt-4o, ollama/qwen2.5-coder). Switching providers keeps the conversation and sends the next turn to the new provider.",
  argumentCompletions: (args) => knownModelNames().filter((name) => name.startsWith(args.trim().toLowerCase())),
  async run(args, host) {
    const session = host.session;
    const requested = args.trim();
    if (requested === "") {
      return { output: `Model: ${session.model} (${session.provider})\nSwitch with /model <name>; /models lists the choices.` };
    }
    const target = resolveModel(requested);
    if (target.model === session.model && target.provider === session.provider) {
      return { output: `Already using ${session.model} (${session.provider}).` };
    }
    const previousProvider = session.provider;
    const before = `${session.model} (${previousProvider})`;
    try {
      session.setModel(requested);
    } catch (error) {
      const reason = (error as Error).message.split("\n")[0] ?? "";
      const login = /no credentials/.test(reason) ? ` Save a key with /login ${loginProviderOf(target.provider)} <key>.` : "";
      throw new CommandError("command_failed", `Cannot switch to ${target.model}: ${reason}.${login} Still using ${before}.`);
    }
    const after = `${session.model} (${session.provider})`;
    const note = session.provider === previousProvider ? "" : ` The next turn goes to ${session.provider}.`;
    return { output: `Switched model: ${before} → ${after}.${note}` };
  },
};

function loginProviderOf(provider: string): string {
  return provider === "openai-responses" ? "openai" : provider;
}
