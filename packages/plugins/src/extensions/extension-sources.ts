import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { LoadedPlugin } from "../plugin-types.js";

/** Where skills, agents and markdown commands are looked up. */
export interface ExtensionSearchOptions {
  /** The workspace; `.axion/…` and `.claude/…` below it are searched. */
  cwd: string;
  /** axion's config home (e.g. `~/.axion`); `<configHome>/skills`, `/agents`, `/commands` are searched. */
  configHome: string;
  /** The home folder whose `.claude/…` folders are searched; defaults to the OS home. */
  homeDir?: string | undefined;
  /** Discovered plugins; the enabled ones add their skills, agents and commands. */
  plugins?: readonly LoadedPlugin[] | undefined;
}

export interface ExtensionDirectory {
  path: string;
  /** `project` or `user`. */
  source: "project" | "user";
}

/** The folders holding `kind` (`skills`, `agents`, `commands`) in precedence order, without duplicates. */
export function extensionDirectories(kind: "skills" | "agents" | "commands", options: ExtensionSearchOptions): ExtensionDirectory[] {
  const home = options.homeDir ?? homedir();
  const candidates: ExtensionDirectory[] = [
    { path: join(options.cwd, ".axion", kind), source: "project" },
    { path: join(options.cwd, ".claude", kind), source: "project" },
    { path: join(options.configHome, kind), source: "user" },
    { path: join(home, ".claude", kind), source: "user" },
  ];
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const key = resolve(candidate.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The enabled plugins, in discovery order. */
export function enabledPlugins(options: ExtensionSearchOptions): LoadedPlugin[] {
  return (options.plugins ?? []).filter((plugin) => plugin.enabled);
}
