#!/usr/bin/env node
// The `axion-mock-llm` command; the server itself is built to dist/ (`pnpm --filter @axion/mock-llm build`).
import "../dist/cli.js";
