import { unlinkSync } from "node:fs";
import { keyFilePath, oauthTokenPath, saveApiKey, type ProviderName } from "@axion/api";
import type { CommandCredentials } from "../command-host.js";

/** API keys in `<configHome>/credentials/<provider>.key` (mode 0600) and OAuth tokens beside them, the files the provider clients read. */
export function createFileCredentials(options: { configHome: string; env: Readonly<Record<string, string | undefined>> }): CommandCredentials {
  return {
    login(provider: ProviderName, apiKey: string): string {
      return saveApiKey(provider, apiKey, { env: { ...options.env }, configHome: options.configHome });
    },
    /** Removes the saved key and any OAuth token of `axion login --oauth`. */
    logout(provider: ProviderName): boolean {
      let removed = false;
      for (const path of [keyFilePath(options.configHome, provider), oauthTokenPath(options.configHome, provider)]) {
        if (path === undefined) continue;
        try {
          unlinkSync(path);
          removed = true;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`cannot remove ${path}: ${(error as Error).message}`);
        }
      }
      return removed;
    },
  };
}
