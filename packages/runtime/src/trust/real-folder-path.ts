import { realpathSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The real absolute path of `path` (symlinks resolved). A path that does not exist keeps its missing tail under
 * the real path of its nearest existing ancestor.
 */
export function realFolderPath(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    return join(realFolderPath(parent), absolute.slice(parent.length + (parent.endsWith("/") ? 0 : 1)));
  }
}
