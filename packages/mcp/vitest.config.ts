import { defineConfig } from "vitest/config";
import { workspaceSourceAliases } from "../../scripts/vitest-aliases.js";

export default defineConfig({
  resolve: { alias: workspaceSourceAliases() },
  test: { include: ["src/**/*.test.ts"], globalSetup: ["../../scripts/vitest-temp-root.mjs"], testTimeout: 60_000, hookTimeout: 30_000 },
});
