import { CommandError } from "../command-error.js";
import type { CommandHost, SlashCommand } from "../command-host.js";
import { envKeyOf, keyProviderOf, LOGIN_PROVIDERS, parseLoginProvider } from "../support/credential-providers.js";
import { splitFirstWord } from "../text/format-text.js";

const USAGE = "[provider] [api-key]";

/** `/login [provider] [key]`: saves an API key (0600 file under the config home) and uses it from the next turn. */
export const loginCommand: SlashCommand = {
  name: "login",
  category: "Authentication",
  summary: "Save an API key for a provider",
  usage: USAGE,
  details: `Providers: ${LOGIN_PROVIDERS.join(", ")}. Without a key you are asked for it (not echoed). The key is written to <config home>/credentials/<provider>.key with mode 600.`,
  argumentCompletions: (args) => LOGIN_PROVIDERS.filter((provider) => provider.startsWith(args.trim())),
  async run(args, host) {
    const { first, rest } = splitFirstWord(args);
    const provider = first === "" ? keyProviderOf(host.session.provider) : parseLoginProvider(first, "login");
    if (provider === undefined) {
      throw new CommandError("command_usage", `The ${host.session.provider} provider takes no API key here; name one: /login <${LOGIN_PROVIDERS.join("|")}> <key>`);
    }
    let key = rest;
    if (key === "") {
      if (host.readSecret === undefined) {
        throw new CommandError("command_usage", `Usage: /login ${provider} <api-key>`);
      }
      key = (await host.readSecret(`API key for ${provider}: `))?.trim() ?? "";
      if (key === "") throw new CommandError("command_usage", "No key entered; nothing saved.");
    }
    if (/\s/.test(key)) throw new CommandError("command_usage", `/login ${provider}: an API key has no spaces; nothing saved.`);
    const path = host.credentials.login(provider, key);
    const lines = [`Saved the ${provider} API key to ${path} (readable only by you).`];
    const envName = envKeyOf(host, provider);
    if (envName !== undefined) lines.push(`Note: ${envName} is set in the environment and is used before the saved key.`);
    lines.push(...rebuildIfUsed(host, provider));
    return { output: lines.join("\n") };
  },
};

/** Rebuilds the provider client when the session uses `provider`, so the new key applies to the next turn. */
export function rebuildIfUsed(host: CommandHost, provider: string): string[] {
  const session = host.session;
  if (keyProviderOf(session.provider) !== provider) return [];
  try {
    session.setModel(`${session.provider}/${session.model}`);
    return [`The session (${session.model}) uses it from the next turn.`];
  } catch (error) {
    return [`The session keeps its current client: ${(error as Error).message}`];
  }
}
