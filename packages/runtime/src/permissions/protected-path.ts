import { isAbsolute, relative, sep } from "node:path";

/** A path whose content runs code at the next start (settings, hooks, git config, shell rc files). */
export interface ProtectedPath {
  /** How the path is shown: relative to the workspace root, or `~/…` for a file in the home directory. */
  display: string;
  /** Why it is protected, for the reason line. */
  why: string;
  /** The allow rule that waives the check, e.g. `Edit(.claude/**)`. */
  rule: string;
}

const WORKSPACE_FOLDERS: Readonly<Record<string, string>> = {
  ".axion": "settings, hooks and MCP servers there run at the next start",
  ".claude": "settings, hooks and MCP servers there run at the next start",
  ".git": "git runs its hooks and config from there",
  ".vscode": "the editor runs tasks and settings from there",
  ".idea": "the editor runs tasks and settings from there",
};

const WORKSPACE_FILES: Readonly<Record<string, string>> = {
  ".mcp.json": "MCP servers listed there run at the next start",
  ".axion.json": "settings and hooks there run at the next start",
};

/** Shell start-up files in the home directory. */
export const SHELL_RC_FILES: readonly string[] = [
  ".bashrc",
  ".bash_profile",
  ".bash_login",
  ".profile",
  ".zshrc",
  ".zprofile",
  ".zshenv",
  ".config/fish/config.fish",
];

function inside(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

/**
 * Whether writing `paths` (the same file spelled as given and as its real path) touches a protected path:
 * `.axion/**`, `.claude/**`, `.mcp.json`, `.axion.json`, `.git/**`, `.vscode/**`, `.idea/**` at the workspace root
 * (`roots`: the root and its real path), or a shell rc file in the home directory (`homes`: likewise).
 */
export function protectedPathOf(paths: readonly string[], roots: readonly string[], homes: readonly string[]): ProtectedPath | undefined {
  for (const path of paths) {
    for (const root of roots) {
      const rel = inside(root, path);
      if (rel === undefined) continue;
      const [first = ""] = rel.split("/");
      const folder = WORKSPACE_FOLDERS[first];
      if (folder !== undefined) return { display: rel, why: folder, rule: `Edit(${first}/**)` };
      const file = WORKSPACE_FILES[rel];
      if (file !== undefined) return { display: rel, why: file, rule: `Edit(${rel})` };
    }
    for (const home of homes) {
      const rel = inside(home, path);
      if (rel !== undefined && SHELL_RC_FILES.includes(rel)) {
        return { display: `~/${rel}`, why: "your shell runs it at its next start", rule: `Edit(~/${rel})` };
      }
    }
  }
  return undefined;
}
