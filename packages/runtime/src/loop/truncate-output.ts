/** Characters of one tool result sent back to the model; past it the text is cut with a notice. */
export const TOOL_OUTPUT_LIMIT = 100_000;

/** Keeps the head and the tail of an over-long tool output, with a notice of what was cut. */
export function truncateToolOutput(text: string, limit: number = TOOL_OUTPUT_LIMIT): string {
  if (text.length <= limit) return text;
  const keepHead = Math.floor(limit * 0.8);
  const keepTail = limit - keepHead;
  const omitted = text.length - keepHead - keepTail;
  return `${text.slice(0, keepHead)}\n\n[output truncated: ${omitted} characters omitted of ${text.length}]\n\n${text.slice(text.length - keepTail)}`;
}
