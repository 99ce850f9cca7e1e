/**
 * How many messages a session holds, said the same way everywhere (`session list`, `session show`, `/sessions`,
 * `/export`): the messages recorded in its file and, once a compaction happened, how many a resume starts from.
 * `12` or `12 (4 after compaction)`; with `unit`, `12 messages (4 after compaction)`.
 */
export function messageCountText(recorded: number, inContext: number, compactions: number, unit = false): string {
  const count = unit ? `${recorded} ${recorded === 1 ? "message" : "messages"}` : String(recorded);
  return compactions > 0 ? `${count} (${inContext} after compaction)` : count;
}
