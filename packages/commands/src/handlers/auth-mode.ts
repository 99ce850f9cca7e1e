import { usageError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";
import { renderCredentialTable } from "../support/credential-providers.js";

const USAGE = "[status | api | subscription]";
const SUBSCRIPTION_WORDS = ["subscription", "sub", "pro", "max", "oauth", "chatgpt"];

/** `/auth-mode` (`/auth`): how axion authenticates. Always with API keys; vendor OAuth subscriptions are not offered. */
export const authModeCommand: SlashCommand = {
  name: "auth-mode",
  aliases: ["auth"],
  category: "Authentication",
  summary: "Show how axion authenticates (API keys)",
  usage: USAGE,
  argumentCompletions: (args) => ["status", "api", "subscription"].filter((entry) => entry.startsWith(args.trim())),
  async run(args, host) {
    const choice = args.trim().toLowerCase();
    const table = `Credentials:\n${renderCredentialTable(host)}`;
    if (choice === "" || choice === "status") return { output: `Authentication: API keys.\n${table}` };
    if (choice === "api" || choice === "apikey" || choice === "api-key") {
      return { output: `axion already uses API keys; nothing to change.\n${table}` };
    }
    if (SUBSCRIPTION_WORDS.includes(choice)) {
      return {
        output:
          "OAuth subscriptions of other vendors (Claude Pro/Max, ChatGPT Plus/Pro) are not supported; axion uses API keys. " +
          `Save one with /login <provider> <key>.\n${table}`,
      };
    }
    throw usageError("auth-mode", USAGE, `Unknown mode "${args.trim()}"`);
  },
};
