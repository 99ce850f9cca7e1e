import { realpathSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * The real path of an absolute `path`, synchronously: symlinks resolved for the longest existing prefix and the
 * missing rest appended (a file about to be created resolves through its real parent). Mirrors `realPathOf`.
 */
export function realPathSyncOf(path: string): string {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      const real = realpathSync(current);
      return missing.length > 0 ? join(real, ...missing.reverse()) : real;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR" && code !== "ELOOP" && code !== "EACCES") throw error;
      const parent = dirname(current);
      if (parent === current) return join(current, ...missing.reverse());
      missing.push(basename(current));
      current = parent;
    }
  }
}
