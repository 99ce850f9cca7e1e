/** Thrown when a `${VAR}` reference has no value and no default. */
export class McpConfigError extends Error {
  static readonly brand = Symbol.for("axion.error.McpConfigError");
  readonly code = "mcp_config_invalid";
  readonly serverName: string | undefined;

  constructor(message: string, serverName?: string) {
    super(message);
    this.name = "McpConfigError";
    this.serverName = serverName;
    Object.defineProperty(this, McpConfigError.brand, { value: true });
  }

  static isInstance(value: unknown): value is McpConfigError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[McpConfigError.brand] === true;
  }
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Expands Claude-Code style `${VAR}` and `${VAR:-default}` references in one string.
 * A `${VAR}` with no value and no default is an error naming the variable (and `where`, when given).
 */
export function expandEnvReferences(text: string, env: Readonly<Record<string, string | undefined>>, where?: string): string {
  return text.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
    const value = env[name];
    if (value !== undefined && value !== "") return value;
    if (fallback !== undefined) return fallback;
    throw new McpConfigError(`${where ? `${where}: ` : ""}environment variable ${name} is not set and has no default`);
  });
}

/** Expands every string inside a JSON-like value (arrays and object values, not keys). */
export function expandEnvInValue<T>(value: T, env: Readonly<Record<string, string | undefined>>, where?: string): T {
  if (typeof value === "string") return expandEnvReferences(value, env, where) as T;
  if (Array.isArray(value)) return value.map((item) => expandEnvInValue(item, env, where)) as T;
  if (value !== null && typeof value === "object") {
    const output: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) output[key] = expandEnvInValue(inner, env, where);
    return output as T;
  }
  return value;
}
