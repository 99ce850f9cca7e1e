const BRAND = Symbol.for("axion.error.CommandError");

export type CommandErrorCode = "command_usage" | "command_failed" | "command_unavailable";

/**
 * A command that cannot do what was asked: wrong arguments (`command_usage`), a failed operation
 * (`command_failed`), or a feature the host does not offer (`command_unavailable`). The message is one line.
 */
export class CommandError extends Error {
  readonly code: CommandErrorCode;

  constructor(code: CommandErrorCode, message: string) {
    super(message);
    this.name = "CommandError";
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static isInstance(value: unknown): value is CommandError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** `Usage: /name <args>` as a `command_usage` error, with an optional reason before it. */
export function usageError(name: string, usage: string | undefined, reason?: string): CommandError {
  const line = `Usage: /${name}${usage === undefined || usage === "" ? "" : ` ${usage}`}`;
  return new CommandError("command_usage", reason === undefined ? line : `${reason}. ${line}`);
}
