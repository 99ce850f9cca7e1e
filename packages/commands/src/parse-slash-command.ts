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

/** Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment). */
function editDistance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_row, i) => Array.from({ length: columns }, (_cell, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < columns; j += 1) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      let best = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, table[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1]) best = Math.min(best, table[i - 2]![j - 2]! + 1);
      table[i]![j] = best;
    }
  }
  return table[left.length]![right.length]!;
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
  const threshold = Math.max(2, Math.floor(target.length / 3));
  return scored
    .filter((entry) => entry.score <= threshold)
    .sort((left, right) => left.score - right.score || left.candidate.localeCompare(right.candidate))
    .slice(0, limit)
    .map((entry) => entry.candidate);
}
