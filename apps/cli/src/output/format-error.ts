/** The one line (plus any instructions the error carries) shown to a person for a failure. */
export function formatError(error: unknown): string {
  if (error instanceof Error) {
    const message = error.message.trim();
    return message === "" ? error.name : message;
  }
  return String(error);
}
