const BRAND = Symbol.for("axion.error.PromptError");

/** A system-prompt input that cannot be used, e.g. an instruction file that exists but cannot be read. */
export class PromptError extends Error {
  readonly code: string;

  constructor(message: string, code = "prompt_invalid") {
    super(message);
    this.name = "PromptError";
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static isInstance(value: unknown): value is PromptError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
