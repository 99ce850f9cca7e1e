const BRAND = Symbol.for("axion.error.ConfigError");

/**
 * An invalid settings file, environment variable or flag. The message is one line that names the source (a file
 * path, an environment variable or `flags`) and, when known, the key path: `/w/.axion/settings.json:
 * permissions.defaultMode: expected one of …`.
 */
export class ConfigError extends Error {
  readonly code: string;
  /** The file path, environment variable name or `flags`. */
  readonly source: string;
  /** Dotted key path inside the source (`permissions.allow[2]`), when the problem is at a key. */
  readonly keyPath: string | undefined;

  constructor(source: string, keyPath: string | undefined, problem: string, code = "config_invalid") {
    super(keyPath === undefined || keyPath === "" ? `${source}: ${problem}` : `${source}: ${keyPath}: ${problem}`);
    this.name = "ConfigError";
    this.code = code;
    this.source = source;
    this.keyPath = keyPath;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static isInstance(value: unknown): value is ConfigError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
