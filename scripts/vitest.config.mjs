import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { root: import.meta.dirname, include: ["*.test.mjs"], globalSetup: ["./vitest-temp-root.mjs"], testTimeout: 60_000 },
});
