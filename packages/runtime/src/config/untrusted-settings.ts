import type { PermissionMode } from "../permission-mode.js";
import type { Settings } from "./settings-schema.js";

/** One thing an untrusted project's settings carried that was not loaded. */
export interface UntrustedItem {
  kind:
    | "hooks"
    | "mcpServers"
    | "env"
    | "enabledPlugins"
    | "plugins"
    | "apiKeyHelper"
    | "statusLine"
    | "allow"
    | "additionalDirectories"
    | "defaultMode"
    | "other";
  /** The settings file, relative to the folder when inside it (`.claude/settings.json`). */
  source: string;
  /** A short phrase: `2 hooks (.claude/settings.json)`. */
  summary: string;
  /** What exactly would have run or been granted, one line each (hook commands, env keys, rules…). */
  details: string[];
  /** False for keys that neither run nor grant anything (they are dropped all the same). */
  runsOrGrants: boolean;
}

/** What `loadConfig` left out because the folder is not trusted. */
export interface UntrustedReport {
  /** Every item's summary, in load order. */
  skipped: string[];
  items: UntrustedItem[];
}

const MODE_RANK: Readonly<Record<PermissionMode, number>> = {
  "read-only": 0,
  prompt: 1,
  "workspace-write": 2,
  "danger-full-access": 3,
  allow: 3,
};

/** True when `mode` grants more than `than` (read-only < prompt < workspace-write < danger-full-access = allow). */
export function raisesPermissionMode(mode: PermissionMode, than: PermissionMode): boolean {
  return MODE_RANK[mode] > MODE_RANK[than];
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;

function describeServer(name: string, server: Record<string, unknown>): string {
  const command = typeof server["command"] === "string" ? server["command"] : undefined;
  const args = Array.isArray(server["args"]) ? server["args"].map(String) : [];
  if (command !== undefined) return `MCP server "${name}": ${[command, ...args].join(" ")}`;
  if (typeof server["url"] === "string") return `MCP server "${name}": ${server["url"]}`;
  return `MCP server "${name}"`;
}

/**
 * Keeps of one project or local settings layer only what can neither run nor grant: `permissions.deny`,
 * `permissions.ask`, a `permissions.defaultMode` that does not raise `userMode`, `model`, `outputStyle` and
 * `maxTurns`. Everything else is returned as `items`.
 */
export function filterUntrustedLayer(
  layer: Settings,
  source: string,
  userMode: PermissionMode,
): { kept: Settings; items: UntrustedItem[] } {
  const kept: Settings = {};
  const items: UntrustedItem[] = [];
  const add = (kind: UntrustedItem["kind"], summary: string, details: string[], runsOrGrants = true): void => {
    items.push({ kind, source, summary: `${summary} (${source})`, details: details.map((detail) => `${detail} (${source})`), runsOrGrants });
  };
  const other: string[] = [];
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    switch (key) {
      case "model":
      case "outputStyle":
      case "maxTurns":
        (kept as Record<string, unknown>)[key] = value;
        break;
      case "permissions": {
        const permissions = layer.permissions ?? {};
        const keptPermissions: NonNullable<Settings["permissions"]> = {};
        for (const [permissionKey, permissionValue] of Object.entries(permissions)) {
          if (permissionValue === undefined) continue;
          if (permissionKey === "deny" || permissionKey === "ask") {
            keptPermissions[permissionKey] = permissionValue as string[];
          } else if (permissionKey === "defaultMode") {
            const mode = permissionValue as PermissionMode;
            if (raisesPermissionMode(mode, userMode)) add("defaultMode", `permission mode ${mode}`, [`permission mode ${mode} (above ${userMode})`]);
            else keptPermissions.defaultMode = mode;
          } else if (permissionKey === "allow") {
            const rules = permissionValue as string[];
            if (rules.length > 0) add("allow", plural(rules.length, "allow rule"), rules.map((rule) => `allow rule ${rule}`));
          } else if (permissionKey === "additionalDirectories") {
            const directories = permissionValue as string[];
            if (directories.length > 0) add("additionalDirectories", plural(directories.length, "additional directory").replace(/directorys$/, "directories"), directories.map((directory) => `additional directory ${directory}`));
          } else {
            other.push(`permissions.${permissionKey}`);
          }
        }
        if (Object.keys(keptPermissions).length > 0) kept.permissions = keptPermissions;
        break;
      }
      case "hooks": {
        const details: string[] = [];
        for (const [event, groups] of Object.entries(layer.hooks ?? {})) {
          for (const group of groups) {
            for (const hook of group.hooks) {
              const matcher = group.matcher !== undefined && group.matcher !== "" && group.matcher !== "*" ? `(${group.matcher})` : "";
              details.push(`${event}${matcher} hook: ${hook.command ?? hook.type}`);
            }
          }
        }
        if (details.length > 0) add("hooks", plural(details.length, "hook"), details);
        break;
      }
      case "mcpServers": {
        const servers = Object.entries(layer.mcpServers ?? {});
        if (servers.length > 0) {
          const names = servers.map(([name]) => `"${name}"`).join(", ");
          add("mcpServers", `MCP server${servers.length === 1 ? "" : "s"} ${names}`, servers.map(([name, server]) => describeServer(name, server)));
        }
        break;
      }
      case "env": {
        const entries = Object.entries(layer.env ?? {});
        if (entries.length > 0) add("env", "settings env", entries.map(([name, envValue]) => `env ${name}=${envValue}`));
        break;
      }
      case "enabledPlugins": {
        const enabled = Object.entries(layer.enabledPlugins ?? {}).filter(([, on]) => on).map(([name]) => name);
        if (enabled.length > 0) add("enabledPlugins", `enabledPlugins ${enabled.join(", ")}`, enabled.map((name) => `plugin ${name} enabled`));
        else add("enabledPlugins", "enabledPlugins", [], false);
        break;
      }
      case "plugins": {
        const directories = layer.plugins?.externalDirectories ?? [];
        add("plugins", "plugin directories", directories.map((directory) => `plugin directory ${directory}`), directories.length > 0);
        break;
      }
      case "apiKeyHelper":
        add("apiKeyHelper", "apiKeyHelper", [`apiKeyHelper: ${String(value)}`]);
        break;
      case "statusLine": {
        const command = typeof value === "object" && value !== null ? (value as { command?: unknown }).command : undefined;
        add("statusLine", "status line command", [`status line: ${typeof command === "string" ? command : JSON.stringify(value)}`]);
        break;
      }
      case "$schema":
        break;
      default:
        other.push(key);
    }
  }
  if (other.length > 0) add("other", `other settings ${other.join(", ")}`, [], false);
  return { kept, items };
}
