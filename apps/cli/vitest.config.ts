import { defineConfig } from "vitest/config";
import { workspaceSourceAliases } from "../../scripts/vitest-aliases.js";

export default defineConfig({
  resolve: { alias: workspaceSourceAliases() },
  test: {
    include: ["src/**/*.test.ts"],
    testTimeout: 30_000,
    // e2e tests run the real bundled binary; bundle it first so they never test a stale build.
    globalSetup: ["../../scripts/vitest-temp-root.mjs", "./scripts/vitest-global-setup.mjs"],
  },
});
