/** Keeps the last lines a server wrote to stderr, for the failure report. */
export class StderrTail {
  private readonly limit: number;
  private lines: string[] = [];
  private partial = "";

  constructor(limit = 20) {
    this.limit = limit;
  }

  push(text: string): void {
    const pieces = (this.partial + text).split(/\r?\n/);
    this.partial = pieces.pop() ?? "";
    if (this.partial.length > 4096) {
      pieces.push(this.partial);
      this.partial = "";
    }
    for (const line of pieces) if (line.trim().length > 0) this.lines.push(line.length > 1000 ? `${line.slice(0, 1000)}…` : line);
    if (this.lines.length > this.limit) this.lines = this.lines.slice(-this.limit);
  }

  /** The kept lines, including an unfinished last line. */
  snapshot(): string[] {
    const all = this.partial.trim().length > 0 ? [...this.lines, this.partial] : [...this.lines];
    return all.slice(-this.limit);
  }

  clear(): void {
    this.lines = [];
    this.partial = "";
  }
}
