import { existsSync, realpathSync } from "node:fs";
import { join, relative, isAbsolute } from "node:path";

/** Credential files and folders under the home directory that sandboxed commands never see. */
export const SANDBOX_HIDDEN_HOME_PATHS: readonly string[] = [
  ".claude",
  ".claude.json",
  ".aws",
  ".ssh",
  ".config/gh",
  ".netrc",
  ".docker/config.json",
  ".npmrc",
];

/**
 * The paths to mask for a sandbox over `workspace`: the config home and the credential paths under `home`, those
 * that exist and do not contain the workspace (masking a parent of the workspace would hide the workspace too).
 */
export function sandboxHiddenPaths(options: { workspace: string; home: string; configHome: string }): string[] {
  const workspace = real(options.workspace);
  const candidates = [options.configHome, ...SANDBOX_HIDDEN_HOME_PATHS.map((path) => join(options.home, path))];
  const hidden: string[] = [];
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const path = real(candidate);
    if (contains(path, workspace) || hidden.includes(path)) continue;
    hidden.push(path);
  }
  return hidden;
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function contains(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path === "" || (path !== ".." && !path.startsWith("../") && !isAbsolute(path));
}
