/** `12,345`: integers with thousands separators, the same on every locale. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** Text on one line, cut to `limit` characters with an ellipsis. */
export function oneLine(text: string, limit = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

/** Cuts `text` to `limit` characters and says how much was left out. */
export function truncateText(text: string, limit: number, hint = ""): string {
  if (text.length <= limit) return text;
  const rest = text.length - limit;
  return `${text.slice(0, limit)}\n[… ${formatCount(rest)} more characters${hint === "" ? "" : `; ${hint}`}]`;
}

/** Rows as aligned columns (two spaces apart); the last column is not padded. */
export function formatTable(rows: readonly (readonly string[])[], indent = ""): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) => indent + row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join("  ").trimEnd())
    .join("\n");
}

/** `1 message`, `2 messages`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`;
}

/** `12.3 KB`: a byte size for people. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The first word and the rest of an argument string. */
export function splitFirstWord(args: string): { first: string; rest: string } {
  const trimmed = args.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { first: "", rest: "" };
  return { first: match[1] ?? "", rest: (match[2] ?? "").trim() };
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function fenced(text: string, language = ""): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${text.replace(/\n$/, "")}\n${fence}`;
}
