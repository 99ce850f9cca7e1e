import { displayWidth } from "./terminal-style.js";

export interface InputLayoutRequest {
  prompt: string;
  continuationPrompt: string;
  /** The text as drawn (masked already when secret). */
  text: string;
  /** Index into `text`. */
  cursor: number;
  columns: number;
}

export interface InputLayout {
  /** What to write from the first column of the area's first row: the prompt, the text, then the cursor move. */
  output: string;
  /** Rows the area takes. */
  rows: number;
  /** The row (from the area's top) the cursor is left on. */
  cursorRow: number;
}

/**
 * Lays out a prompt and a (multi-line) text on a terminal `columns` wide and says where the cursor ends up. A row
 * filled exactly would leave the terminal in its pending-wrap state, so a CR LF makes the next row real: rows and
 * the cursor row stay countable.
 */
export function layoutInput(request: InputLayoutRequest): InputLayout {
  const { columns } = request;
  const lines = request.text.split("\n");
  let output = "";
  let rows = 0;
  let cursorRow = 0;
  let cursorColumn = 0;
  let offset = 0;
  let cursorPlaced = false;
  let lastWidth = 0;
  lines.forEach((line, index) => {
    if (index > 0) output += "\r\n";
    const prefix = index === 0 ? request.prompt : request.continuationPrompt;
    const prefixWidth = displayWidth(prefix);
    output += prefix + line;
    const width = prefixWidth + displayWidth(line);
    if (!cursorPlaced && request.cursor <= offset + line.length) {
      const before = prefixWidth + displayWidth(line.slice(0, request.cursor - offset));
      cursorRow = rows + Math.floor(before / columns);
      cursorColumn = before % columns;
      cursorPlaced = true;
    }
    if (width > 0 && width % columns === 0) output += "\r\n";
    rows += Math.floor(width / columns) + 1;
    lastWidth = width;
    offset += line.length + 1;
  });
  const endRow = rows - 1;
  const endColumn = lastWidth % columns;
  if (endRow > cursorRow) output += `\x1b[${endRow - cursorRow}A`;
  if (endColumn !== cursorColumn || endRow !== cursorRow) {
    output += "\r";
    if (cursorColumn > 0) output += `\x1b[${cursorColumn}C`;
  }
  return { output, rows, cursorRow };
}

/** Completion candidates in columns, as many per row as fit. */
export function formatCandidates(labels: readonly string[], columns: number): string[] {
  const width = Math.max(...labels.map((label) => displayWidth(label))) + 2;
  const perRow = Math.max(1, Math.floor(columns / width));
  const rows: string[] = [];
  for (let index = 0; index < labels.length; index += perRow) {
    rows.push(
      labels
        .slice(index, index + perRow)
        .map((label) => label + " ".repeat(width - displayWidth(label)))
        .join("")
        .trimEnd(),
    );
  }
  return rows;
}
