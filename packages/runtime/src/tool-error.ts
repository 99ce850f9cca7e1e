const BRAND = Symbol.for("axion.error.ToolError");

/**
 * A failure the model can read and correct (bad path, no match for an edit, command not allowed).
 * The dispatcher turns it into an `is_error` tool result. Any other exception is fatal for the turn.
 */
export class ToolError extends Error {
  readonly code: string;

  constructor(message: string, code = "tool_error") {
    super(message);
    this.name = "ToolError";
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static isInstance(value: unknown): value is ToolError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
