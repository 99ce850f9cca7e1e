const BRAND = Symbol.for("axion.error.ExtensionError");

export type ExtensionErrorCode = "frontmatter_invalid" | "extension_invalid" | "extension_unreadable";

/**
 * A skill, agent or markdown command file that cannot be used. The message is one line:
 * `/p/.claude/agents/reviewer.md:3: invalid frontmatter: …` or `/p/.claude/agents/reviewer.md: tools: expected …`.
 */
export class ExtensionError extends Error {
  readonly code: ExtensionErrorCode;
  readonly file: string;
  readonly line: number | undefined;
  readonly field: string | undefined;
  /** The message without the file prefix. */
  readonly reason: string;

  constructor(code: ExtensionErrorCode, file: string, reason: string, details: { line?: number | undefined; field?: string | undefined } = {}) {
    const location = details.line === undefined ? file : `${file}:${details.line}`;
    const field = details.field === undefined ? "" : `${details.field}: `;
    super(`${location}: ${field}${reason}`);
    this.name = "ExtensionError";
    this.code = code;
    this.file = file;
    this.line = details.line;
    this.field = details.field;
    this.reason = reason;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static isInstance(value: unknown): value is ExtensionError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
