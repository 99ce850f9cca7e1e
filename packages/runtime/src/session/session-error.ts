const BRAND = Symbol.for("axion.error.SessionError");

export type SessionErrorCode =
  | "session_not_found"
  | "session_ambiguous"
  | "session_invalid_record"
  | "session_invalid_name"
  | "session_exists"
  | "session_closed"
  | "session_locked"
  | "session_io";

/**
 * A session file that cannot be found, resolved, read or written. The message is one line that names the file
 * (and the line, for a bad record): `/w/.axion/sessions/ab12.jsonl:7: invalid record: message.role: …`.
 */
export class SessionError extends Error {
  readonly code: SessionErrorCode;

  constructor(message: string, code: SessionErrorCode) {
    super(message);
    this.name = "SessionError";
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static isInstance(value: unknown): value is SessionError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
