import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** Entry script of a reference MCP server package installed as a devDependency (run with `node`, never npx). */
export function referenceServerEntry(name: "server-everything" | "server-filesystem"): string {
  return join(dirname(require.resolve(`@modelcontextprotocol/${name}/package.json`)), "dist", "index.js");
}
