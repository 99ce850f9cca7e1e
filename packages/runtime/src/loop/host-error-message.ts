/** Longest message kept from a host error (Node quotes the offending value, which may be megabytes long). */
const MAX_MESSAGE_LENGTH = 300;

/**
 * A one-line description of an error the host raised because of what a tool was given, or undefined for
 * anything else (a programming error, which must stay fatal):
 * - a system call's errno error (`ENAMETOOLONG`, `ELOOP`, `E2BIG`, `EACCES`, …);
 * - Node's argument checks (`ERR_INVALID_ARG_VALUE` for a NUL byte in a path, `ERR_INVALID_ARG_TYPE`, …);
 * - a `RangeError` from input too deep or too large to walk (`Maximum call stack size exceeded`,
 *   `Invalid string length`).
 */
export function hostErrorMessage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === "string" && /^E[A-Z0-9]+$/.test(code) && isSystemError(error)) return oneLine(error.message);
  if (typeof code === "string" && (code.startsWith("ERR_INVALID_ARG_") || code === "ERR_OUT_OF_RANGE")) {
    return oneLine(error.message.includes("\0") ? error.message.replaceAll("\0", "\\0") : error.message);
  }
  if (error instanceof RangeError) {
    if (/call stack size/i.test(error.message)) return "the input is nested too deeply to process";
    if (/string length|array length/i.test(error.message)) return "the input is too large to process";
  }
  return undefined;
}

function isSystemError(error: NodeJS.ErrnoException): boolean {
  return typeof error.errno === "number" || typeof error.syscall === "string";
}

function oneLine(message: string): string {
  const flat = message.replace(/\s*\n\s*/g, " ").trim();
  return flat.length <= MAX_MESSAGE_LENGTH ? flat : `${flat.slice(0, MAX_MESSAGE_LENGTH - 61)}…${flat.slice(-60)}`;
}
