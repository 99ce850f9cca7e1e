import { emitKeypressEvents } from "node:readline";
import { formatCandidates, layoutInput } from "./input-layout.js";
import { displayWidth } from "./terminal-style.js";
import { commonPrefix, lineEndOf, lineStartOf, nextIndex, nextWordIndex, previousIndex, previousWordIndex } from "./text-positions.js";

/** A key as node:readline's keypress decoder reports it. */
export interface Key {
  sequence?: string | undefined;
  name?: string | undefined;
  ctrl?: boolean | undefined;
  meta?: boolean | undefined;
  shift?: boolean | undefined;
}

/** What one `read` ends with: a submitted line, Ctrl-C (with the text that was typed), or Ctrl-D / end of input. */
export type EditorResult = { kind: "line"; text: string } | { kind: "interrupt"; text: string } | { kind: "eof" };

/** Completions for the text before the cursor: each candidate replaces `text.slice(from, cursor)`. */
export interface CompletionResult {
  from: number;
  candidates: string[];
}

export interface ReadOptions {
  /** Shown before the first line (may hold colour). */
  prompt: string;
  /** Shown before each further line of a multi-line input (default: spaces as wide as the prompt). */
  continuationPrompt?: string | undefined;
  /** Earlier inputs, oldest first, for Up / Down. */
  history?: readonly string[] | undefined;
  complete?: ((text: string, cursor: number) => CompletionResult | undefined) | undefined;
  /** A trailing `\`, Alt-Enter, Shift-Enter (where the terminal reports it) or Ctrl-J start a new line (default true). */
  multiline?: boolean | undefined;
  /**
   * Keys typed while no read was active are replayed into this read (default true). A question turns it off, so
   * text typed ahead is never taken as its answer; the keys wait for the next read that takes them.
   */
  typeAhead?: boolean | undefined;
  /** Draw each character as `•` (secrets); implies no history and no completion. */
  mask?: boolean | undefined;
}

export interface TerminalInput extends NodeJS.EventEmitter {
  isTTY?: boolean | undefined;
  setRawMode?(mode: boolean): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface TerminalOutput {
  write(text: string): unknown;
  columns?: number | undefined;
  on?(event: "resize", listener: () => void): unknown;
  off?(event: "resize", listener: () => void): unknown;
}

export interface LineEditorOptions {
  input: TerminalInput;
  output: TerminalOutput;
}

interface ActiveRead {
  options: ReadOptions;
  resolve(result: EditorResult): void;
  text: string;
  cursor: number;
  historyIndex: number;
  draft: string;
  /** The row (from the input area's top) the cursor was left on by the last render. */
  cursorRow: number;
  rendered: boolean;
  pasting: boolean;
}

const PASTE_ON = "\x1b[?2004h";
const PASTE_OFF = "\x1b[?2004l";
const SHIFT_ENTER_SEQUENCES: ReadonlySet<string> = new Set(["\x1b[13;2u", "\x1b[13;3u", "\x1bOM"]);

/**
 * A small line editor on a raw-mode terminal: cursor movement, word and line deletion, history, multi-line input,
 * Tab completion and bracketed paste. It only redraws its own input area (rows below the last output line), never
 * the screen. Outside `read`, keys go to `onIdleKey` (the REPL turns Ctrl-C into "cancel the turn").
 */
export class LineEditor {
  /** Keys that arrive while no read is active; return true to consume one, else it is kept as type-ahead. */
  onIdleKey: ((key: Key) => boolean) | undefined;
  private readonly input: TerminalInput;
  private readonly output: TerminalOutput;
  private active: ActiveRead | undefined;
  private started = false;
  private ended = false;
  private readonly typedAhead: { character: string | undefined; key: Key }[] = [];
  private readonly onKeypress = (character: string | undefined, key: Key | undefined): void => {
    this.handleKey(character, key ?? { sequence: character });
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    const active = this.active;
    if (active) this.finish(active, { kind: "eof" }, "\r\n");
  };
  private readonly onResize = (): void => {
    if (this.active?.rendered === true) this.render(this.active);
  };

  constructor(options: LineEditorOptions) {
    this.input = options.input;
    this.output = options.output;
  }

  /** Raw mode on, keys decoded, bracketed paste on. Safe to call twice. */
  start(): void {
    if (this.started) return;
    this.started = true;
    emitKeypressEvents(this.input as NodeJS.ReadableStream);
    this.input.setRawMode?.(true);
    this.input.on("keypress", this.onKeypress);
    this.input.on("end", this.onEnd);
    this.output.on?.("resize", this.onResize);
    this.output.write(PASTE_ON);
    this.input.resume();
  }

  /** Restores the terminal: raw mode and bracketed paste off, input released. */
  close(): void {
    if (!this.started) return;
    this.started = false;
    const active = this.active;
    if (active) this.finish(active, { kind: "eof" }, "\r\n");
    this.input.off("keypress", this.onKeypress);
    this.input.off("end", this.onEnd);
    this.output.off?.("resize", this.onResize);
    this.output.write(PASTE_OFF);
    this.input.setRawMode?.(false);
    this.input.pause();
  }

  /** True while a read is waiting for input. */
  get reading(): boolean {
    return this.active !== undefined;
  }

  /** Shows the prompt and edits one input until Enter, Ctrl-C or Ctrl-D. */
  read(options: ReadOptions): Promise<EditorResult> {
    if (this.active) throw new Error("LineEditor.read called while another read is active");
    this.start();
    if (this.ended && (this.typedAhead.length === 0 || options.typeAhead === false)) return Promise.resolve({ kind: "eof" });
    return new Promise((resolve) => {
      const history = options.history ?? [];
      const active: ActiveRead = {
        options,
        resolve,
        text: "",
        cursor: 0,
        historyIndex: history.length,
        draft: "",
        cursorRow: 0,
        rendered: false,
        pasting: false,
      };
      this.active = active;
      this.render(active);
      if (options.typeAhead === false) return;
      while (this.active === active && this.typedAhead.length > 0) {
        const next = this.typedAhead.shift()!;
        this.handleKey(next.character, next.key);
      }
      if (this.active === active && this.ended) this.finish(active, { kind: "eof" }, "\r\n");
    });
  }

  /**
   * Prints output that arrives while a read is active (a warning from a server starting in the background): the
   * input rows are cleared, `print` runs (it must end its output with a newline), and the input is drawn again
   * below it, as typed.
   */
  printAbove(print: () => void): void {
    const active = this.active;
    if (!active?.rendered) {
      print();
      return;
    }
    this.output.write(`${active.cursorRow > 0 ? `\x1b[${active.cursorRow}A` : ""}\r\x1b[J`);
    active.rendered = false;
    active.cursorRow = 0;
    print();
    this.render(active);
  }

  /** Ends the current read as if Ctrl-C was pressed (used when the question it asks is no longer needed). */
  cancel(): void {
    const active = this.active;
    if (active) this.finish(active, { kind: "interrupt", text: active.text }, "\r\n");
  }

  private finish(active: ActiveRead, result: EditorResult, suffix: string): void {
    active.cursor = active.text.length;
    this.render(active);
    this.output.write(suffix);
    this.active = undefined;
    active.resolve(result);
  }

  private handleKey(character: string | undefined, key: Key): void {
    const active = this.active;
    if (!active) {
      if (this.onIdleKey?.(key) === true) return;
      if (this.typedAhead.length < 10_000) this.typedAhead.push({ character, key });
      return;
    }
    if (key.name === "paste-start") {
      active.pasting = true;
      return;
    }
    if (key.name === "paste-end") {
      active.pasting = false;
      this.render(active);
      return;
    }
    if (active.pasting) {
      // pasted text goes in as typed, newlines included, and is drawn once the paste ends
      if (key.name === "return" || key.name === "enter") this.insert(active, "\n", false);
      else if (key.name === "tab") this.insert(active, "\t", false);
      else if (character !== undefined && !key.ctrl && !key.meta) this.insert(active, character, false);
      return;
    }
    const multiline = active.options.multiline !== false;
    if (key.sequence !== undefined && SHIFT_ENTER_SEQUENCES.has(key.sequence) && multiline) {
      this.insert(active, "\n");
      return;
    }
    if (key.ctrl) {
      this.handleControlKey(active, key);
      return;
    }
    if (key.meta) {
      this.handleMetaKey(active, key, multiline);
      return;
    }
    switch (key.name) {
      case "return":
        this.submit(active, multiline);
        return;
      case "enter":
        // on a terminal, Ctrl-J (a bare line feed) adds a line (Enter sends a carriage return); piped input
        // ends its lines with line feeds, so there it submits
        if (multiline && this.input.isTTY === true) this.insert(active, "\n");
        else this.submit(active, multiline);
        return;
      case "backspace":
        this.deleteRange(active, previousIndex(active.text, active.cursor), active.cursor);
        return;
      case "delete":
        this.deleteRange(active, active.cursor, nextIndex(active.text, active.cursor));
        return;
      case "left":
        this.moveTo(active, previousIndex(active.text, active.cursor));
        return;
      case "right":
        this.moveTo(active, nextIndex(active.text, active.cursor));
        return;
      case "home":
        this.moveTo(active, this.lineStart(active));
        return;
      case "end":
        this.moveTo(active, this.lineEnd(active));
        return;
      case "up":
        this.historyUp(active);
        return;
      case "down":
        this.historyDown(active);
        return;
      case "tab":
        if (!key.shift) this.complete(active);
        return;
      case "escape":
        return;
      default:
        break;
    }
    if (character !== undefined && character >= " " && character !== "\x7f") this.insert(active, character);
  }

  private handleControlKey(active: ActiveRead, key: Key): void {
    switch (key.name) {
      case "c":
        this.finish(active, { kind: "interrupt", text: active.text }, "^C\r\n");
        return;
      case "d":
        if (active.text === "") this.finish(active, { kind: "eof" }, "\r\n");
        else this.deleteRange(active, active.cursor, nextIndex(active.text, active.cursor));
        return;
      case "a":
        this.moveTo(active, this.lineStart(active));
        return;
      case "e":
        this.moveTo(active, this.lineEnd(active));
        return;
      case "b":
        this.moveTo(active, previousIndex(active.text, active.cursor));
        return;
      case "f":
        this.moveTo(active, nextIndex(active.text, active.cursor));
        return;
      case "left":
        this.moveTo(active, previousWordIndex(active.text, active.cursor));
        return;
      case "right":
        this.moveTo(active, nextWordIndex(active.text, active.cursor));
        return;
      case "h":
        this.deleteRange(active, previousIndex(active.text, active.cursor), active.cursor);
        return;
      case "w":
        this.deleteRange(active, previousWordIndex(active.text, active.cursor), active.cursor);
        return;
      case "u":
        this.deleteRange(active, this.lineStart(active), active.cursor);
        return;
      case "k":
        this.deleteRange(active, active.cursor, this.lineEnd(active));
        return;
      case "p":
        this.historyUp(active);
        return;
      case "n":
        this.historyDown(active);
        return;
      case "j":
        if (active.options.multiline !== false) this.insert(active, "\n");
        else this.submit(active, false);
        return;
      default:
        return;
    }
  }

  private handleMetaKey(active: ActiveRead, key: Key, multiline: boolean): void {
    switch (key.name) {
      case "return":
      case "enter":
        if (multiline) this.insert(active, "\n");
        else this.submit(active, false);
        return;
      case "b":
      case "left":
        this.moveTo(active, previousWordIndex(active.text, active.cursor));
        return;
      case "f":
      case "right":
        this.moveTo(active, nextWordIndex(active.text, active.cursor));
        return;
      case "backspace":
        this.deleteRange(active, previousWordIndex(active.text, active.cursor), active.cursor);
        return;
      case "d":
        this.deleteRange(active, active.cursor, nextWordIndex(active.text, active.cursor));
        return;
      default:
        return;
    }
  }

  private submit(active: ActiveRead, multiline: boolean): void {
    const before = active.text.slice(0, active.cursor);
    if (multiline && active.cursor === active.text.length && before.endsWith("\\") && !before.endsWith("\\\\")) {
      // a trailing backslash continues the input on a new line
      active.text = `${before.slice(0, -1)}\n`;
      active.cursor = active.text.length;
      this.render(active);
      return;
    }
    this.finish(active, { kind: "line", text: active.text }, "\r\n");
  }

  private lineStart(active: ActiveRead): number {
    return lineStartOf(active.text, active.cursor);
  }

  private lineEnd(active: ActiveRead): number {
    return lineEndOf(active.text, active.cursor);
  }

  private insert(active: ActiveRead, value: string, draw = true): void {
    const atEnd = active.cursor === active.text.length;
    active.text = active.text.slice(0, active.cursor) + value + active.text.slice(active.cursor);
    active.cursor += value.length;
    if (!draw) return;
    if (atEnd && !value.includes("\n") && this.appendInPlace(active, value)) return;
    this.render(active);
  }

  /**
   * Typing at the end of the input only needs the new characters written, unless they reach the right edge
   * (where the terminal's pending wrap would make the cursor row ambiguous).
   */
  private appendInPlace(active: ActiveRead, value: string): boolean {
    if (!active.rendered) return false;
    const columns = this.columns();
    const lastLine = this.shown(active).slice(this.shown(active).lastIndexOf("\n") + 1);
    const prefix = active.text.includes("\n") ? this.continuationPrompt(active) : active.options.prompt;
    const width = displayWidth(prefix) + displayWidth(lastLine);
    const previous = width - displayWidth(active.options.mask === true ? "•".repeat([...value].length) : value);
    if (Math.floor(width / columns) !== Math.floor(previous / columns) || width % columns === 0) return false;
    this.output.write(active.options.mask === true ? "•".repeat([...value].length) : value);
    return true;
  }

  private deleteRange(active: ActiveRead, from: number, to: number): void {
    if (to <= from) return;
    active.text = active.text.slice(0, from) + active.text.slice(to);
    active.cursor = from;
    this.render(active);
  }

  private moveTo(active: ActiveRead, index: number): void {
    const target = Math.max(0, Math.min(active.text.length, index));
    if (target === active.cursor) return;
    active.cursor = target;
    this.render(active);
  }

  private historyUp(active: ActiveRead): void {
    if (active.options.mask === true) return;
    const start = this.lineStart(active);
    if (start > 0) {
      // inside a multi-line input: move to the line above
      const column = active.cursor - start;
      const previousStart = active.text.lastIndexOf("\n", start - 2) + 1;
      this.moveTo(active, Math.min(previousStart + column, start - 1));
      return;
    }
    const history = active.options.history ?? [];
    if (active.historyIndex <= 0) return;
    if (active.historyIndex === history.length) active.draft = active.text;
    active.historyIndex -= 1;
    active.text = history[active.historyIndex] ?? "";
    active.cursor = active.text.length;
    this.render(active);
  }

  private historyDown(active: ActiveRead): void {
    if (active.options.mask === true) return;
    const end = this.lineEnd(active);
    if (end < active.text.length) {
      const column = active.cursor - this.lineStart(active);
      const nextStart = end + 1;
      const nextNewline = active.text.indexOf("\n", nextStart);
      const nextEnd = nextNewline === -1 ? active.text.length : nextNewline;
      this.moveTo(active, Math.min(nextStart + column, nextEnd));
      return;
    }
    const history = active.options.history ?? [];
    if (active.historyIndex >= history.length) return;
    active.historyIndex += 1;
    active.text = active.historyIndex === history.length ? active.draft : (history[active.historyIndex] ?? "");
    active.cursor = active.text.length;
    this.render(active);
  }

  private complete(active: ActiveRead): void {
    if (active.options.mask === true) return;
    const result = active.options.complete?.(active.text, active.cursor);
    if (!result || result.candidates.length === 0) return;
    const typed = active.text.slice(result.from, active.cursor);
    const replace = (value: string): void => {
      active.text = active.text.slice(0, result.from) + value + active.text.slice(active.cursor);
      active.cursor = result.from + value.length;
      this.render(active);
    };
    if (result.candidates.length === 1) {
      const only = result.candidates[0]!;
      replace(only.endsWith("/") ? only : `${only} `);
      return;
    }
    const prefix = commonPrefix(result.candidates);
    if (prefix.length > typed.length) {
      replace(prefix);
      return;
    }
    this.listCandidates(active, result.candidates, typed);
  }

  /** Prints the candidates under the input, then draws the input again below them. */
  private listCandidates(active: ActiveRead, candidates: readonly string[], typed: string): void {
    // show what differs: the last word of each candidate
    const cut = Math.max(typed.lastIndexOf(" "), typed.lastIndexOf("/", typed.length - 2)) + 1;
    const labels = candidates.map((candidate) => candidate.slice(cut) || candidate);
    const rows = formatCandidates(labels, this.columns());
    const cursor = active.cursor;
    active.cursor = active.text.length;
    this.render(active);
    this.output.write(`\r\n${rows.join("\r\n")}\r\n`);
    active.cursor = cursor;
    active.rendered = false;
    active.cursorRow = 0;
    this.render(active);
  }

  /** The text as drawn: itself, or one `•` per character when masked. */
  private shown(active: ActiveRead): string {
    return active.options.mask === true ? "•".repeat([...active.text].length) : active.text;
  }

  private columns(): number {
    return Math.max(10, this.output.columns ?? 80);
  }

  private continuationPrompt(active: ActiveRead): string {
    return active.options.continuationPrompt ?? " ".repeat(displayWidth(active.options.prompt));
  }

  /** Redraws the input area in place: back to its first row, clear below, write the prompt and the text. */
  private render(active: ActiveRead): void {
    const layout = layoutInput({
      prompt: active.options.prompt,
      continuationPrompt: this.continuationPrompt(active),
      text: this.shown(active),
      cursor: active.options.mask === true ? [...active.text.slice(0, active.cursor)].length : active.cursor,
      columns: this.columns(),
    });
    const back = active.rendered ? `${active.cursorRow > 0 ? `\x1b[${active.cursorRow}A` : ""}\r\x1b[J` : "";
    active.cursorRow = layout.cursorRow;
    active.rendered = true;
    this.output.write(back + layout.output);
  }
}
