import { copyFileSync, lstatSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from "node:fs";
import { join } from "node:path";

/** Copies `source` into `target` (created), keeping file modes and symbolic links; entries named in `skip` are left out. */
export function copyDirectory(source: string, target: string, skip: ReadonlySet<string> = new Set([".git"])): void {
  mkdirSync(target, { recursive: true, mode: lstatSync(source).mode & 0o777 });
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (entry.isDirectory()) copyDirectory(from, to, skip);
    else if (entry.isFile()) copyFileSync(from, to);
  }
}
