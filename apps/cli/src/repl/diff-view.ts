import type { TerminalStyle } from "./terminal-style.js";

/** The `display` a Write or Edit tool result carries (see @axion/tools `FileDiffDisplay`). */
export interface DiffDisplay {
  kind: "diff";
  path: string;
  created: boolean;
  patch: string;
  additions: number;
  removals: number;
}

/** True when a tool result's `display` is a file diff. */
export function isDiffDisplay(display: unknown): display is DiffDisplay {
  if (typeof display !== "object" || display === null) return false;
  const record = display as Record<string, unknown>;
  return record["kind"] === "diff" && typeof record["patch"] === "string" && typeof record["path"] === "string";
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;

/** `Created path (N lines)` or `Updated path with N additions and M removals`. */
export function diffSummary(display: DiffDisplay): string {
  if (display.created) return `Created ${display.path} (${plural(display.additions, "line")})`;
  return `Updated ${display.path} with ${plural(display.additions, "addition")} and ${plural(display.removals, "removal")}`;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/**
 * The diff as numbered lines, removals red and additions green, at most `maxLines` of them (then a count of the
 * rest). Each line starts with `indent`.
 */
export function renderDiffLines(display: DiffDisplay, style: TerminalStyle, options: { maxLines?: number; indent?: string } = {}): string[] {
  const maxLines = options.maxLines ?? 40;
  const indent = options.indent ?? "    ";
  const body: { number: number; sign: " " | "+" | "-" | "⋮"; text: string }[] = [];
  let oldLine = 0;
  let newLine = 0;
  let hunks = 0;
  for (const line of display.patch.split("\n")) {
    const header = HUNK_HEADER.exec(line);
    if (header) {
      if (hunks > 0) body.push({ number: 0, sign: "⋮", text: "" });
      hunks += 1;
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      continue;
    }
    if (hunks === 0 || line.startsWith("\\")) continue;
    if (line.startsWith("+")) {
      body.push({ number: newLine, sign: "+", text: line.slice(1) });
      newLine += 1;
    } else if (line.startsWith("-")) {
      body.push({ number: oldLine, sign: "-", text: line.slice(1) });
      oldLine += 1;
    } else if (line.startsWith(" ")) {
      body.push({ number: newLine, sign: " ", text: line.slice(1) });
      oldLine += 1;
      newLine += 1;
    }
  }
  const width = Math.max(3, ...body.map((entry) => String(entry.number).length));
  const shown = body.slice(0, maxLines).map((entry) => {
    if (entry.sign === "⋮") return `${indent}${style.dim(`${" ".repeat(width)} ⋮`)}`;
    const gutter = String(entry.number).padStart(width);
    const text = `${gutter} ${entry.sign} ${entry.text.replace(/\t/g, "  ")}`;
    if (entry.sign === "+") return `${indent}${style.green(text)}`;
    if (entry.sign === "-") return `${indent}${style.red(text)}`;
    return `${indent}${style.dim(text)}`;
  });
  if (body.length > maxLines) shown.push(`${indent}${style.dim(`… ${plural(body.length - maxLines, "more line")}`)}`);
  return shown;
}
