export interface ParsedSlashCommand {
  /** Lower-cased command name without the slash, e.g. `model`. */
  name: string;
  /** Everything after the name, trimmed. */
  args: string;
}

/** Parses `/name args…`; undefined when the input is not a slash command. */
export function parseSlashCommand(input: string): ParsedSlashCommand | undefined {
  const trimmed = input.trim();
  if (!trimmed.startsWith("/") || trimmed.length < 2) return undefined;
  const match = /^\/([^\s]+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return undefined;
  return { name: match[1]!.toLowerCase(), args: match[2]!.trim() };
}

function editDistance(left: string, right: string): number {
  const previous = Array.from({ length: right.length + 1 }, (_value, index) => index);
  for (let i = 1; i <= left.length; i += 1) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= right.length; j += 1) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (left[i - 1] === right[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[right.length]!;
}

/** Up to `limit` known names closest to `name`: prefix and substring matches first, then small edit distances. */
export function suggestCommands(name: string, known: readonly string[], limit = 3): string[] {
  const target = name.toLowerCase();
  const scored = known.map((candidate) => {
    let score = editDistance(target, candidate);
    if (candidate.startsWith(target)) score -= 10;
    else if (candidate.includes(target) || target.includes(candidate)) score -= 5;
    return { candidate, score };
  });
  const threshold = Math.max(2, Math.floor(target.length / 2));
  return scored
    .filter((entry) => entry.score <= threshold)
    .sort((left, right) => left.score - right.score || left.candidate.localeCompare(right.candidate))
    .slice(0, limit)
    .map((entry) => entry.candidate);
}
