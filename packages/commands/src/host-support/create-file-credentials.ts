import { unlinkSync } from "node:fs";
import { keyFilePath, saveApiKey, type ProviderName } from "@axion/api";
import type { CommandCredentials } from "../command-host.js";

/** API keys in `<configHome>/credentials/<provider>.key` (mode 0600), the files the provider clients read. */
export function createFileCredentials(options: { configHome: string; env: Readonly<Record<string, string | undefined>> }): CommandCredentials {
  return {
    login(provider: ProviderName, apiKey: string): string {
      return saveApiKey(provider, apiKey, { env: { ...options.env }, configHome: options.configHome });
    },
    logout(provider: ProviderName): boolean {
      const path = keyFilePath(options.configHome, provider);
      if (path === undefined) return false;
      try {
        unlinkSync(path);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw new Error(`cannot remove ${path}: ${(error as Error).message}`);
      }
    },
  };
}
