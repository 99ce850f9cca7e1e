// Bundles the `axion` bin: dist/axion.cjs is a tiny entry (version fast path, nothing else loaded)
// and dist/axion-main.js is the whole CLI in one ESM file, loaded on demand. Workspace packages are
// bundled from their sources through the `@axion/source` export condition.
import { build } from "esbuild";
import { createHash } from "node:crypto";
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


for (const stale of ["chunks", "axion-main.js", "axion-main.js.map"]) rmSync(join(packageDir, "dist", stale), { recursive: true, force: true });
await build({
  ...common,
  entryPoints: [join(packageDir, "src", "main.ts")],
  outfile: join(packageDir, "dist", "axion-main.cjs"),
  // CommonJS so the bin can run it through vm.Script with V8's code cache (Node 20 has no ESM compile cache)
  format: "cjs",
  sourcemap: "linked",
  // Resolved from node_modules at run time, so start-up does not compile them: ripgrep finds its binary next
  // to its own files; the MCP SDK loads only for sessions with MCP servers; turndown only for WebFetch;
  // web-tree-sitter (the bash parser) finds its .wasm next to its own file and loads on the first Bash
  // permission check, with tree-sitter-bash's grammar resolved from this package's node_modules.
  external: ["@vscode/ripgrep", "@modelcontextprotocol/sdk", "@modelcontextprotocol/sdk/*", "turndown", "web-tree-sitter"],
  define: { ...common.define, "import.meta.url": "__axionMainUrl", "import.meta.resolve": "undefined" },
  banner: { js: 'var __axionMainUrl = require("node:url").pathToFileURL(__filename).href;' },
});

// The entry is built last: it carries a hash of the main bundle, the key of V8's code cache, so a rebuilt bundle
// never runs with the code cached for an older one (whatever its length).
const mainHash = createHash("sha256").update(readFileSync(join(packageDir, "dist", "axion-main.cjs"))).digest("hex").slice(0, 16);
const entry = join(packageDir, "dist", "axion.cjs");
await build({
  ...common,
  entryPoints: [join(packageDir, "src", "bin.ts")],
  outfile: entry,
  format: "cjs",
  banner: { js: "#!/usr/bin/env node" },
  define: { ...common.define, __AXION_MAIN_HASH__: JSON.stringify(mainHash) },
});
chmodSync(entry, 0o755);
