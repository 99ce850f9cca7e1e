// Vitest resolves workspace packages to their TypeScript sources, so one package's tests
// run without building its dependencies first (`pnpm --filter @axion/runtime test`).
import { readdirSync, existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** @returns {{ find: RegExp, replacement: string }[]} */
export function workspaceSourceAliases() {
  const aliases = [];
  for (const group of ["packages", "apps"]) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const entry of readdirSync(groupDir)) {
      const manifestPath = join(groupDir, entry, "package.json");
      const sourceEntry = join(groupDir, entry, "src", "index.ts");
      if (!existsSync(manifestPath) || !existsSync(sourceEntry)) continue;
      const { name } = JSON.parse(readFileSync(manifestPath, "utf8"));
      const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      aliases.push({ find: new RegExp(`^${escaped}$`), replacement: sourceEntry });
    }
  }
  return aliases;
}
