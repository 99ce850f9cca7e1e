import { keyFilePath } from "@axion/api";
import { CommandError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";
import { envKeyOf, keyProviderOf, LOGIN_PROVIDERS, parseLoginProvider } from "../support/credential-providers.js";

/** `/logout [provider]`: removes the saved API key of a provider (default: the session's). */
export const logoutCommand: SlashCommand = {
  name: "logout",
  category: "Authentication",
  summary: "Remove the saved API key of a provider",
  usage: "[provider]",
  argumentCompletions: (args) => LOGIN_PROVIDERS.filter((provider) => provider.startsWith(args.trim())),
  async run(args, host) {
    const name = args.trim();
    const provider = name === "" ? keyProviderOf(host.session.provider) : parseLoginProvider(name, "logout");
    if (provider === undefined) {
      throw new CommandError("command_usage", `The ${host.session.provider} provider has no saved key; name one: /logout <${LOGIN_PROVIDERS.join("|")}>`);
    }
    const path = keyFilePath(host.configHome, provider) ?? "";
    const removed = host.credentials.logout(provider);
    const lines = [removed ? `Removed the saved ${provider} API key (${path}).` : `No saved ${provider} API key (${path}).`];
    const envName = envKeyOf(host, provider);
    if (envName !== undefined) lines.push(`${envName} is still set in the environment; unset it to stop using that key.`);
    if (removed && keyProviderOf(host.session.provider) === provider && envName === undefined) {
      lines.push("This session keeps the key it loaded until it ends; other sessions no longer find it.");
    }
    return { output: lines.join("\n") };
  },
};
