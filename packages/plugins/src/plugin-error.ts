const BRAND = Symbol.for("axion.error.PluginError");

export type PluginErrorCode =
  | "plugin_manifest_missing"
  | "plugin_manifest_invalid"
  | "plugin_json_invalid"
  | "plugin_hooks_invalid"
  | "plugin_mcp_invalid"
  | "plugin_component_invalid"
  | "plugin_tool_conflict"
  | "plugin_not_found"
  | "plugin_already_installed"
  | "plugin_install_failed"
  | "plugin_settings_invalid"
  | "plugin_tool_failed";

export interface PluginErrorDetails {
  /** The plugin's name, or its folder name when the manifest gives none. */
  pluginName?: string | undefined;
  /** `installed`, `project` or `external`. */
  source?: string | undefined;
  /** The file at fault (manifest, hooks.json, .mcp.json, a markdown file, settings.json). */
  file?: string | undefined;
  /** A 1-based line in `file`, when known. */
  line?: number | undefined;
  /** The field path inside the file, e.g. `tools[0].inputSchema.type`. */
  field?: string | undefined;
}

/**
 * A plugin that cannot be loaded, installed or run. The message is one line naming the plugin, the file and the
 * field: `plugin parity-plugin (/x/.claude-plugin/plugin.json): tools[0].inputSchema.type: expected "object"`.
 */
export class PluginError extends Error {
  readonly code: PluginErrorCode;
  readonly pluginName: string | undefined;
  readonly source: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  /** The message without the plugin and file prefix. */
  readonly reason: string;

  constructor(code: PluginErrorCode, reason: string, details: PluginErrorDetails = {}) {
    super(formatPluginMessage(reason, details));
    this.name = "PluginError";
    this.code = code;
    this.reason = reason;
    this.pluginName = details.pluginName;
    this.source = details.source;
    this.file = details.file;
    this.line = details.line;
    this.field = details.field;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static isInstance(value: unknown): value is PluginError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

function formatPluginMessage(reason: string, details: PluginErrorDetails): string {
  const location = details.file === undefined ? "" : details.line === undefined ? details.file : `${details.file}:${details.line}`;
  const subject =
    details.pluginName === undefined
      ? location
      : location === ""
        ? `plugin ${details.pluginName}`
        : `plugin ${details.pluginName} (${location})`;
  const field = details.field === undefined || details.field === "" ? "" : `${details.field}: `;
  return subject === "" ? `${field}${reason}` : `${subject}: ${field}${reason}`;
}
