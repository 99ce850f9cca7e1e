import { realpath } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { PermissionMode } from "./permission-mode.js";
import { ToolError } from "./tool-error.js";

/** Expands `~` and makes `path` absolute against `root`, without touching the filesystem. */
export function absolutePath(root: string, path: string): string {
  if (path === "~") return homedir();
  if (path.startsWith("~/")) return join(homedir(), path.slice(2));
  return isAbsolute(path) ? resolve(path) : resolve(root, path);
}

/**
 * The real path of `path`: symlinks resolved for the longest existing prefix, the missing rest
 * appended (so a file about to be created resolves through its real parent).
 */
export async function realPathOf(path: string): Promise<string> {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      const real = await realpath(current);
      return missing.length > 0 ? join(real, ...missing.reverse()) : real;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
      const parent = dirname(current);
      if (parent === current) return join(current, ...missing.reverse());
      missing.push(basename(current));
      current = parent;
    }
  }
}

export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Resolves a tool's path inside the workspace. Below danger-full-access (and `allow`) a path whose
 * real location is outside the real workspace root is refused with a `ToolError`, whether it got
 * there through `..`, an absolute path or a symlink.
 */
export async function resolveWorkspacePath(
  root: string,
  path: string,
  mode: PermissionMode,
  access: "read" | "write",
): Promise<string> {
  const realRoot = await realPathOf(resolve(root));
  const real = await realPathOf(absolutePath(realRoot, path));
  if (mode === "danger-full-access" || mode === "allow") return real;
  if (!isInside(realRoot, real)) {
    throw new ToolError(
      `${access === "write" ? "Writing" : "Reading"} ${path} is outside the workspace ${realRoot}; it requires danger-full-access permission`,
      "path_outside_workspace",
    );
  }
  return real;
}
