const BRAND = Symbol.for("axion.error.CompactionError");

/** A bad compaction setting, e.g. `AXION_AUTO_COMPACT_INPUT_TOKENS=abc`. The message names the source. */
export class CompactionError extends Error {
  readonly code: string;

  constructor(message: string, code = "compaction_invalid") {
    super(message);
    this.name = "CompactionError";
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static isInstance(value: unknown): value is CompactionError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
