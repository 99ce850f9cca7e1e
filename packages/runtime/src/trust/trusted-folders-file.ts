import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { ConfigError } from "../config/config-error.js";

/** One folder the user trusted with `axion trust` or the first-run question. */
export interface TrustedFolderRecord {
  /** Real absolute path (symlinks resolved). */
  path: string;
  /** ISO time it was trusted. */
  trustedAt: string;
}

/** `<configHome>/trusted-folders.json`. */
export function trustedFoldersPath(configHome: string): string {
  return join(configHome, "trusted-folders.json");
}

/**
 * Reads axion's trusted folders. A missing file is an empty list; a malformed one is a `ConfigError` naming the
 * file (callers deciding trust treat that as "no trust").
 */
export function readTrustedFolders(configHome: string): TrustedFolderRecord[] {
  const path = trustedFoldersPath(configHome);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw new ConfigError(path, undefined, `cannot be read (${code ?? String(error)})`, "config_unreadable");
  }
  if (text.trim() === "") return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(path, undefined, `invalid JSON (${(error as Error).message}); fix or delete the file`, "config_invalid_json");
  }
  const folders = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as { folders?: unknown }).folders : undefined;
  if (!Array.isArray(folders)) throw new ConfigError(path, "folders", "expected a list of trusted folders");
  return folders.map((entry, index) => {
    const record = entry as Partial<TrustedFolderRecord> | null;
    if (typeof record !== "object" || record === null || typeof record.path !== "string" || !record.path.startsWith("/")) {
      throw new ConfigError(path, `folders[${index}].path`, "expected an absolute path");
    }
    return { path: record.path, trustedAt: typeof record.trustedAt === "string" ? record.trustedAt : "" };
  });
}

/** Replaces the file atomically (write-file-atomic: a 0600 temporary file in the same folder, fsynced, then renamed). */
export function writeTrustedFolders(configHome: string, folders: readonly TrustedFolderRecord[]): void {
  const path = trustedFoldersPath(configHome);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomic.sync(path, `${JSON.stringify({ version: 1, folders }, null, 2)}\n`, { mode: 0o600 });
}
