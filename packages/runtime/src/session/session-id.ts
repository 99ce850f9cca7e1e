import { randomBytes } from "node:crypto";
import { SessionError } from "./session-error.js";

/** A fresh session id: 16 random hex characters. */
export function newSessionId(): string {
  return randomBytes(8).toString("hex");
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Whether `name` can name a session file: letters, digits, `.`, `_` and `-`, starting with a letter or digit, at
 * most 100 characters, not `latest` (a reserved reference) and not ending in `.jsonl`.
 */
export function isSafeSessionName(name: string): boolean {
  return SAFE_NAME.test(name) && name !== "latest" && !name.endsWith(".jsonl");
}

/** Throws a one-line `SessionError` when `name` is not a safe session name. */
export function assertSafeSessionName(name: string, purpose: string): void {
  if (!isSafeSessionName(name)) {
    throw new SessionError(
      `${purpose}: invalid session name ${JSON.stringify(name)} (use letters, digits, ".", "_" or "-", starting with a letter or digit; not "latest")`,
      "session_invalid_name",
    );
  }
}
