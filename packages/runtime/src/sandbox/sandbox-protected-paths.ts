import { lstatSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SandboxSpec } from "./sandbox-spec.js";

/**
 * Paths inside the workspace that stay read-only in a workspace-write sandbox: what they hold runs or grants on the
 * next start (git hooks and config, axion's and Claude Code's settings, MCP servers, editor tasks).
 */
export const SANDBOX_PROTECTED_PATHS: readonly string[] = [".git/hooks", ".git/config", ".axion", ".claude", ".mcp.json", ".vscode", ".idea"];

/** Watches the protected paths around one command, so what it plants there is taken away afterwards. */
export interface ProtectedPathWatch {
  /** The protected paths (workspace-relative) that exist before the command; `buildSandboxArgs` binds them read-only. */
  readonly existing: readonly string[];
  /**
   * Undoes what the command planted in protected paths and returns one line per repair, to append to its output
   * (empty when it planted nothing).
   */
  removeCreated(): string[];
}

const REMOVED_REASON = "it is a protected path; use the Write tool, which asks first";

/**
 * Notes the protected paths of `spec.workspace` as they are now (call it right before the command starts).
 *
 * Paths that exist are bound read-only, so only new ones need watching: a protected path the command creates is
 * removed. `.git` itself must stay writable for git to work, so a command could move it aside and put a new one in
 * its place: then `.git/config` gets its old content back and hooks that were not there are removed. A repository
 * the command makes from nothing (`git init`) keeps its config, but any hook other than git's `*.sample` files goes.
 */
export function watchProtectedPaths(spec: Pick<SandboxSpec, "mode" | "workspace">): ProtectedPathWatch {
  const workspace = spec.workspace;
  // a dangling symlink counts as missing here (bwrap cannot bind it), and as present below (it is not new)
  const existing = SANDBOX_PROTECTED_PATHS.filter((relative) => resolves(join(workspace, relative)));
  if (spec.mode !== "workspace-write") return { existing, removeCreated: () => [] };
  const gitBefore = identity(join(workspace, ".git"));
  const configBefore = existing.includes(".git/config") ? readSmallFile(join(workspace, ".git/config")) : undefined;
  const hooksBefore = existing.includes(".git/hooks") ? listNames(join(workspace, ".git/hooks")) : undefined;
  const topLevel = SANDBOX_PROTECTED_PATHS.filter((relative) => !relative.startsWith(".git/") && identity(join(workspace, relative)) === undefined);
  return {
    existing,
    removeCreated() {
      const lines: string[] = [];
      for (const relative of topLevel) {
        if (identity(join(workspace, relative)) !== undefined) lines.push(remove(workspace, relative, "created by the command"));
      }
      const gitAfter = identity(join(workspace, ".git"));
      if (gitAfter === undefined || gitAfter === gitBefore) return lines;
      // .git is new or was replaced: its hooks and config are not the ones bound read-only
      const hooks = join(workspace, ".git/hooks");
      for (const name of listNames(hooks) ?? []) {
        const known = hooksBefore?.includes(name) ?? false;
        if (!known && !name.endsWith(".sample")) lines.push(remove(workspace, `.git/hooks/${name}`, "added by the command"));
      }
      const configPath = join(workspace, ".git/config");
      if (configBefore !== undefined && readSmallFile(configPath)?.equals(configBefore) !== true) {
        try {
          rmSync(configPath, { force: true });
          writeFileSync(configPath, configBefore);
          lines.push(`sandbox: restored .git/config, replaced by the command: ${REMOVED_REASON}`);
        } catch (error) {
          lines.push(`sandbox: could not restore .git/config, replaced by the command: ${(error as Error).message}`);
        }
      }
      return lines;
    },
  };
}

function remove(workspace: string, relative: string, how: string): string {
  try {
    // never follows a symlink: a link is removed, not what it points to
    rmSync(join(workspace, relative), { recursive: true, force: true });
    return `sandbox: removed ${relative}, ${how}: ${REMOVED_REASON}`;
  } catch (error) {
    return `sandbox: could not remove ${relative}, ${how} in a protected path: ${(error as Error).message}`;
  }
}

/** `device:inode` of the path itself (a symlink is not followed), or undefined when nothing is there. */
function identity(path: string): string | undefined {
  try {
    const stats = lstatSync(path);
    return `${stats.dev}:${stats.ino}`;
  } catch {
    return undefined;
  }
}

function resolves(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function listNames(directory: string): string[] | undefined {
  try {
    return readdirSync(directory);
  } catch {
    return undefined;
  }
}

/** A regular file's bytes, when it is at most 1 MiB. */
function readSmallFile(path: string): Buffer | undefined {
  try {
    const stats = lstatSync(path);
    if (!stats.isFile() || stats.size > 1_048_576) return undefined;
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
