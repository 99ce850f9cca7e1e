import { resolve } from "node:path";
import { readClaudeCodeTrust } from "./claude-code-trust.js";
import { realFolderPath } from "./real-folder-path.js";
import { readTrustedFolders, writeTrustedFolders } from "./trusted-folders-file.js";

/** A trusted folder as `axion trust --list` shows it. */
export interface TrustedFolderEntry {
  path: string;
  /** `axion`: in axion's list (revocable); `claude-code`: Claude Code's record (read-only). */
  source: "axion" | "claude-code";
  trustedAt?: string | undefined;
}

/** Adds `path` (its real path) to axion's trusted folders; returns the path stored. Trusting twice is a no-op. */
export function trustFolder(path: string, options: { configHome: string }): string {
  const real = realFolderPath(path);
  const folders = readTrustedFolders(options.configHome);
  if (!folders.some((record) => record.path === real)) {
    writeTrustedFolders(options.configHome, [...folders, { path: real, trustedAt: new Date().toISOString() }]);
  }
  return real;
}

/**
 * Removes `path` from axion's trusted folders (matched by real path, or as written for a folder that no longer
 * exists). Returns the entry removed, or undefined when axion's list did not hold it.
 */
export function revokeFolder(path: string, options: { configHome: string }): string | undefined {
  const candidates = new Set([resolve(path), realFolderPath(path)]);
  const folders = readTrustedFolders(options.configHome);
  const removed = folders.find((record) => candidates.has(record.path));
  if (removed === undefined) return undefined;
  writeTrustedFolders(options.configHome, folders.filter((record) => record !== removed));
  return removed.path;
}

/** axion's trusted folders, then the folders Claude Code's `~/.claude.json` trusts. */
export function listTrustedFolders(options: { configHome: string; home: string }): { folders: TrustedFolderEntry[]; warnings: string[] } {
  const own: TrustedFolderEntry[] = readTrustedFolders(options.configHome).map((record) => ({
    path: record.path,
    source: "axion",
    trustedAt: record.trustedAt || undefined,
  }));
  const claude = readClaudeCodeTrust(options.home);
  return {
    folders: [...own, ...claude.folders.map((path): TrustedFolderEntry => ({ path, source: "claude-code" }))],
    warnings: claude.warning !== undefined ? [claude.warning] : [],
  };
}
