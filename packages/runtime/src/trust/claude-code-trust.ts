import { readFileSync } from "node:fs";
import { join } from "node:path";

/** What Claude Code's `~/.claude.json` says about trusted folders. */
export interface ClaudeCodeTrust {
  /** Absolute paths whose `hasTrustDialogAccepted` is true. */
  folders: string[];
  /** Set when the file exists but cannot be read as JSON: one line naming the file. */
  warning?: string | undefined;
}

/** `~/.claude.json`. */
export function claudeCodeConfigPath(home: string): string {
  return join(home, ".claude.json");
}

/**
 * Reads (never writes) `~/.claude.json` → `projects["<absolute path>"].hasTrustDialogAccepted === true`.
 * A missing file is no trust; a malformed one is no trust plus a warning.
 */
export function readClaudeCodeTrust(home: string): ClaudeCodeTrust {
  const path = claudeCodeConfigPath(home);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { folders: [] };
    return { folders: [], warning: `${path}: cannot be read (${code ?? String(error)}); Claude Code's trusted folders are ignored` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { folders: [], warning: `${path}: invalid JSON; Claude Code's trusted folders are ignored` };
  }
  const projects = typeof value === "object" && value !== null ? (value as { projects?: unknown }).projects : undefined;
  if (typeof projects !== "object" || projects === null || Array.isArray(projects)) return { folders: [] };
  const folders: string[] = [];
  for (const [folder, record] of Object.entries(projects as Record<string, unknown>)) {
    if (!folder.startsWith("/")) continue;
    if (typeof record === "object" && record !== null && (record as { hasTrustDialogAccepted?: unknown }).hasTrustDialogAccepted === true) {
      folders.push(folder);
    }
  }
  return { folders };
}
