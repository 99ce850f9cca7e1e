import { charWidth } from "../terminal-style.js";

/**
 * Just enough of a terminal to check what the line editor draws: printable characters with xterm's pending
 * wrap at the right edge, CR, LF (with ONLCR, as a raw-mode Node TTY keeps it), backspace, cursor up / down /
 * left / right, erase below and erase line. Colours and modes are ignored.
 */
export class VirtualScreen {
  readonly columns: number;
  private rows: string[][] = [[]];
  private row = 0;
  private column = 0;
  private pendingWrap = false;

  constructor(columns: number) {
    this.columns = columns;
  }

  write(text: string): boolean {
    let index = 0;
    while (index < text.length) {
      const character = text[index]!;
      if (character === "\x1b") {
        const match = /^\x1b\[([0-9;?]*)([A-Za-z~])/.exec(text.slice(index));
        if (match) {
          this.control(match[2]!, match[1]!);
          index += match[0].length;
          continue;
        }
        index += 1;
        continue;
      }
      if (character === "\r") {
        this.column = 0;
        this.pendingWrap = false;
      } else if (character === "\n") {
        this.moveRow(1);
        this.column = 0;
        this.pendingWrap = false;
      } else if (character === "\b") {
        this.column = Math.max(0, this.column - 1);
        this.pendingWrap = false;
      } else {
        const codePoint = text.codePointAt(index)!;
        const glyph = String.fromCodePoint(codePoint);
        this.put(glyph);
        index += glyph.length;
        continue;
      }
      index += 1;
    }
    return true;
  }

  /** The screen's lines, trailing spaces removed, trailing empty lines dropped. */
  lines(): string[] {
    const lines = this.rows.map((cells) => cells.map((cell) => cell ?? " ").join("").trimEnd());
    while (lines.length > 0 && lines.at(-1) === "") lines.pop();
    return lines;
  }

  text(): string {
    return this.lines().join("\n");
  }

  cursor(): { row: number; column: number } {
    return { row: this.row, column: this.column };
  }

  private put(glyph: string): void {
    const width = charWidth(glyph);
    if (width === 0) return;
    if (this.pendingWrap || (width === 2 && this.column + 2 > this.columns)) {
      this.moveRow(1);
      this.column = 0;
      this.pendingWrap = false;
    }
    const cells = this.rows[this.row]!;
    while (cells.length < this.column) cells.push(" ");
    cells[this.column] = glyph;
    if (width === 2) cells[this.column + 1] = "";
    this.column += width;
    if (this.column >= this.columns) {
      this.column = this.columns - 1;
      this.pendingWrap = true;
    }
  }

  private moveRow(delta: number): void {
    this.row = Math.max(0, this.row + delta);
    while (this.rows.length <= this.row) this.rows.push([]);
  }

  private control(command: string, parameters: string): void {
    const count = Math.max(1, Number(parameters.split(";")[0] || "1"));
    this.pendingWrap = false;
    switch (command) {
      case "A":
        this.row = Math.max(0, this.row - count);
        return;
      case "B":
        this.moveRow(count);
        return;
      case "C":
        this.column = Math.min(this.columns - 1, this.column + count);
        return;
      case "D":
        this.column = Math.max(0, this.column - count);
        return;
      case "J":
        this.rows[this.row] = this.rows[this.row]!.slice(0, this.column);
        this.rows.length = this.row + 1;
        return;
      case "K":
        if (parameters === "2") this.rows[this.row] = [];
        else this.rows[this.row] = this.rows[this.row]!.slice(0, this.column);
        return;
      default:
        return;
    }
  }
}
