import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/**
 * The `.md` files under `path` (recursively, skipping dot-entries) as `{ file, relativePath }`, sorted; `path` may
 * also name one `.md` file. A missing path yields nothing.
 */
export function listMarkdownFiles(path: string): { file: string; relativePath: string }[] {
  if (!existsSync(path)) return [];
  const stats = statSync(path);
  if (stats.isFile()) return path.endsWith(".md") ? [{ file: path, relativePath: path.split(sep).pop() ?? path }] : [];
  const found: { file: string; relativePath: string }[] = [];
  const walk = (directory: string): void => {
    const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const full = join(directory, entry.name);
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isDirectory() === true);
      if (isDirectory) walk(full);
      else if (entry.name.endsWith(".md")) found.push({ file: full, relativePath: relative(path, full) });
    }
  };
  walk(path);
  return found;
}

/** `frontend/component.md` → `frontend:component`. */
export function colonNameOf(relativePath: string): string {
  return relativePath.replace(/\.md$/, "").split(/[\\/]/).join(":");
}
