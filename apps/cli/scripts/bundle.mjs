// Bundles the `axion` bin: dist/axion.cjs is a tiny entry (version fast path, nothing else loaded)
// and dist/axion-main.js is the whole CLI in one ESM file, loaded on demand. Workspace packages are
// bundled from their sources through the `@axion/source` export condition.
import { build } from "esbuild";
import { chmodSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  minify: true,
  legalComments: "none",
  conditions: ["@axion/source"],
  define: { __AXION_VERSION__: JSON.stringify(version) },
  logLevel: "warning",
};

const entry = join(packageDir, "dist", "axion.cjs");
await build({
  ...common,
  entryPoints: [join(packageDir, "src", "bin.ts")],
  outfile: entry,
  format: "cjs",
  banner: { js: "#!/usr/bin/env node" },
});
chmodSync(entry, 0o755);

rmSync(join(packageDir, "dist", "chunks"), { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { "axion-main": join(packageDir, "src", "main.ts") },
  outdir: join(packageDir, "dist"),
  // what only some sessions need (HTML conversion for WebFetch, …) is loaded on first use from dist/chunks
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  sourcemap: "linked",
  // Resolved from node_modules at run time: ripgrep finds its binary next to its own files, and the MCP
  // SDK is only loaded when a session has MCP servers, so start-up does not parse it.
  external: ["@vscode/ripgrep", "@modelcontextprotocol/sdk", "@modelcontextprotocol/sdk/*"],
  banner: {
    js: "import { createRequire as __axionCreateRequire } from 'node:module'; const require = __axionCreateRequire(import.meta.url);",
  },
});
