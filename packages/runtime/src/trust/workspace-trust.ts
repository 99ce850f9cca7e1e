import { resolve } from "node:path";
import { readClaudeCodeTrust } from "./claude-code-trust.js";
import { realFolderPath } from "./real-folder-path.js";
import { readTrustedFolders } from "./trusted-folders-file.js";

export interface WorkspaceTrustOptions {
  /** The folder axion runs in. */
  cwd: string;
  /** The home directory: `~/.claude.json` is read there, and trusting it trusts only itself. */
  home: string;
  /** axion's config home (`trusted-folders.json` lives there). */
  configHome: string;
  /** `--trust-workspace`: trusted for this run. */
  flag?: boolean | undefined;
}

/** Whether a folder is trusted, and by what. */
export interface WorkspaceTrust {
  trusted: boolean;
  /** What trusts it: the flag, axion's own list, or Claude Code's record. */
  via?: "flag" | "axion" | "claude-code" | undefined;
  /** The listed folder that trusts it (the folder itself or an ancestor). */
  path?: string | undefined;
  /** Problems reading the trust records (one line each, naming the file); they count as no trust. */
  warnings: string[];
}

/**
 * True when `entry` trusts `folder`: the same folder, or an ancestor other than `/` and the home directory
 * (trusting those trusts only themselves, not every project under them).
 */
export function trustCovers(entry: string, folder: string, home: string): boolean {
  const entries = new Set([resolve(entry), realFolderPath(entry)]);
  const folders = new Set([resolve(folder), realFolderPath(folder)]);
  const homes = new Set([resolve(home), realFolderPath(home)]);
  for (const candidate of entries) {
    for (const target of folders) {
      if (candidate === target) return true;
      if (candidate === "/" || homes.has(candidate)) continue;
      if (target.startsWith(`${candidate}/`)) return true;
    }
  }
  return false;
}

/**
 * Decides whether the project in `cwd` may run what it carries (hooks, MCP servers, plugins, settings env, grants):
 * `--trust-workspace`, then axion's `trusted-folders.json`, then Claude Code's `~/.claude.json` record.
 */
export function workspaceTrust(options: WorkspaceTrustOptions): WorkspaceTrust {
  const warnings: string[] = [];
  if (options.flag === true) return { trusted: true, via: "flag", path: realFolderPath(options.cwd), warnings };
  let own: string[] = [];
  try {
    own = readTrustedFolders(options.configHome).map((record) => record.path);
  } catch (error) {
    warnings.push((error as Error).message);
  }
  for (const entry of own) {
    if (trustCovers(entry, options.cwd, options.home)) return { trusted: true, via: "axion", path: entry, warnings };
  }
  const claude = readClaudeCodeTrust(options.home);
  if (claude.warning !== undefined) warnings.push(claude.warning);
  for (const entry of claude.folders) {
    if (trustCovers(entry, options.cwd, options.home)) return { trusted: true, via: "claude-code", path: entry, warnings };
  }
  return { trusted: false, warnings };
}
