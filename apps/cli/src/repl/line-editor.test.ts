import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { LineEditor, type Key, type ReadOptions } from "./line-editor.js";
import { VirtualScreen } from "./test-support/virtual-screen.js";

const ESC = "\x1b";
const keys = {
  enter: "\r",
  altEnter: `${ESC}\r`,
  ctrlJ: "\n",
  ctrlC: "\x03",
  ctrlD: "\x04",
  ctrlA: "\x01",
  ctrlE: "\x05",
  ctrlK: "\x0b",
  ctrlU: "\x15",
  ctrlW: "\x17",
  backspace: "\x7f",
  delete: `${ESC}[3~`,
  left: `${ESC}[D`,
  right: `${ESC}[C`,
  up: `${ESC}[A`,
  down: `${ESC}[B`,
  home: `${ESC}[H`,
  end: `${ESC}[F`,
  tab: "\t",
  altB: `${ESC}b`,
  pasteStart: `${ESC}[200~`,
  pasteEnd: `${ESC}[201~`,
};

interface Harness {
  editor: LineEditor;
  screen: VirtualScreen;
  rawModes: boolean[];
  /** Sends keys and lets the decoder run. */
  press(...sequences: string[]): Promise<void>;
  input: PassThrough;
}

const editors: LineEditor[] = [];
afterEach(() => {
  for (const editor of editors.splice(0)) editor.close();
});

function harness(columns = 40, tty = true): Harness {
  const input = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?(mode: boolean): void };
  const rawModes: boolean[] = [];
  if (tty) {
    input.isTTY = true;
    input.setRawMode = (mode: boolean) => {
      rawModes.push(mode);
    };
  }
  const screen = new VirtualScreen(columns);
  const output = { write: (text: string) => screen.write(text), columns };
  const editor = new LineEditor({ input, output });
  editors.push(editor);
  return {
    editor,
    screen,
    rawModes,
    input,
    async press(...sequences) {
      for (const sequence of sequences) {
        input.write(sequence);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const read = (h: Harness, options: Partial<ReadOptions> = {}) => h.editor.read({ prompt: "> ", ...options });

describe("LineEditor", () => {
  it("echoes typed text after the prompt and returns it on Enter, in raw mode", async () => {
    const h = harness();
    const result = read(h);
    await h.press("hello world");
    expect(h.screen.lines()).toEqual(["> hello world"]);
    await h.press(keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "hello world" });
    expect(h.rawModes).toEqual([true]);
    h.editor.close();
    expect(h.rawModes).toEqual([true, false]);
  });

  it("reports Ctrl-C with the typed text, Ctrl-D on an empty line as end of input, Ctrl-D elsewhere as delete", async () => {
    const h = harness();
    let result = read(h);
    await h.press("draft", keys.ctrlC);
    await expect(result).resolves.toEqual({ kind: "interrupt", text: "draft" });
    expect(h.screen.lines()[0]).toBe("> draft^C");

    result = read(h);
    await h.press("ab", keys.left, keys.ctrlD, keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "a" });

    result = read(h);
    await h.press(keys.ctrlD);
    await expect(result).resolves.toEqual({ kind: "eof" });
  });

  it("continues the input on a new line after a trailing backslash, Alt-Enter or Ctrl-J", async () => {
    const h = harness();
    const result = read(h, { continuationPrompt: ". " });
    await h.press("first\\", keys.enter, "second", keys.altEnter, "third", keys.ctrlJ, "fourth");
    expect(h.screen.lines()).toEqual(["> first", ". second", ". third", ". fourth"]);
    await h.press(keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "first\nsecond\nthird\nfourth" });
  });

  it("keeps a doubled trailing backslash and submits", async () => {
    const h = harness();
    const result = read(h);
    await h.press("path\\\\", keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "path\\\\" });
  });

  it("edits in the middle: cursor keys, Home / End, backspace, delete, Ctrl-W / Ctrl-U / Ctrl-K, Alt-B", async () => {
    const h = harness();
    let result = read(h);
    await h.press("helo world", ...Array<string>(7).fill(keys.left), "l");
    expect(h.screen.lines()).toEqual(["> hello world"]);
    await h.press(keys.home, keys.delete, "H", keys.end, keys.backspace, "D", keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "Hello worlD" });

    result = read(h);
    await h.press("one two three", keys.ctrlW, keys.altB, keys.ctrlK, "2 ", keys.ctrlA, keys.right, keys.ctrlU, keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "ne 2 " });
  });

  it("recalls history with Up / Down and brings the draft back", async () => {
    const h = harness();
    const result = read(h, { history: ["first", "second"] });
    await h.press("dra", keys.up);
    expect(h.screen.lines()).toEqual(["> second"]);
    await h.press(keys.up, keys.up);
    expect(h.screen.lines()).toEqual(["> first"]);
    await h.press(keys.down, keys.down);
    expect(h.screen.lines()).toEqual(["> dra"]);
    await h.press(keys.up, "!", keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "second!" });
  });

  it("moves between the lines of a multi-line entry before going further back in history", async () => {
    const h = harness();
    const result = read(h, { history: ["older", "top\nbottom"] });
    await h.press(keys.up);
    expect(h.screen.lines()).toEqual(["> top", "  bottom"]);
    await h.press(keys.up, "^");
    expect(h.screen.lines()).toEqual(["> top^", "  bottom"]);
    await h.press(keys.up);
    expect(h.screen.lines()).toEqual(["> older"]);
    await h.press(keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "older" });
  });

  it("completes with Tab: one candidate in full, a common prefix, or a list under the input", async () => {
    const h = harness();
    const candidates = ["/model", "/models", "/mcp"];
    const complete = (text: string, cursor: number) => ({ from: 0, candidates: candidates.filter((name) => name.startsWith(text.slice(0, cursor))) });
    const result = read(h, { complete });
    await h.press("/mc", keys.tab);
    expect(h.screen.lines()).toEqual(["> /mcp"]);
    await h.press(keys.ctrlU, "/mo", keys.tab);
    expect(h.screen.lines()).toEqual(["> /model"]);
    await h.press(keys.tab);
    expect(h.screen.lines()).toEqual(["> /model", "model   models", "> /model"]);
    await h.press("s", keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "/models" });
  });

  it("inserts a bracketed paste as text, newlines included, without submitting", async () => {
    const h = harness();
    const result = read(h);
    await h.press(`${keys.pasteStart}line 1\rline 2${keys.pasteEnd}`);
    expect(h.screen.lines()).toEqual(["> line 1", "  line 2"]);
    await h.press(keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "line 1\nline 2" });
  });

  it("draws long input over several rows, also when a row is filled exactly", async () => {
    const h = harness(10);
    const result = read(h);
    await h.press("abcdefgh");
    expect(h.screen.lines()).toEqual(["> abcdefgh"]);
    await h.press("ij");
    expect(h.screen.lines()).toEqual(["> abcdefgh", "ij"]);
    await h.press(keys.backspace, keys.backspace, keys.backspace);
    expect(h.screen.lines()).toEqual(["> abcdefg"]);
    await h.press("XYZ0123456789");
    expect(h.screen.lines()).toEqual(["> abcdefgX", "YZ01234567", "89"]);
    await h.press(keys.home, "_");
    expect(h.screen.lines()).toEqual(["> _abcdefg", "XYZ0123456", "789"]);
    expect(h.screen.cursor()).toEqual({ row: 0, column: 3 });
    await h.press(keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "_abcdefgXYZ0123456789" });
  });

  it("counts wide characters as two cells", async () => {
    const h = harness(10);
    const result = read(h);
    await h.press("日本語で", keys.left, "x");
    expect(h.screen.lines()).toEqual(["> 日本語x", "で"]);
    await h.press(keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "日本語xで" });
  });

  it("masks secrets and ignores history and completion for them", async () => {
    const h = harness();
    const result = read(h, { prompt: "key: ", mask: true, history: ["old"], complete: () => ({ from: 0, candidates: ["x"] }) });
    await h.press("sk-ab", keys.up, keys.tab, keys.left, keys.backspace, "Z");
    expect(h.screen.lines()).toEqual(["key: •••••"]);
    expect(h.screen.cursor()).toEqual({ row: 0, column: 9 });
    await h.press(keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "sk-Zb" });
  });

  it("hands keys pressed between reads to onIdleKey", async () => {
    const h = harness();
    const seen: Key[] = [];
    h.editor.onIdleKey = (key) => {
      seen.push(key);
      return key.ctrl === true;
    };
    const result = read(h);
    await h.press("x", keys.enter);
    await result;
    await h.press(keys.ctrlC, "ahead", keys.enter);
    expect(seen.map((key) => key.name)).toEqual(["c", "a", "h", "e", "a", "d", "return"]);
    // keys not consumed wait for the next read that takes type-ahead
    const question = h.editor.read({ prompt: "? ", typeAhead: false });
    await h.press("n", keys.enter);
    await expect(question).resolves.toEqual({ kind: "line", text: "n" });
    await expect(read(h)).resolves.toEqual({ kind: "line", text: "ahead" });
  });

  it("prints output above the input and draws the input again below it", async () => {
    const h = harness(10);
    const result = read(h);
    await h.press("abcdefghij", keys.left);
    h.editor.printAbove(() => h.screen.write("warning: x\n"));
    expect(h.screen.lines()).toEqual(["warning: x", "> abcdefgh", "ij"]);
    expect(h.screen.cursor()).toEqual({ row: 2, column: 1 });
    await h.press(keys.enter);
    await expect(result).resolves.toEqual({ kind: "line", text: "abcdefghij" });
  });

  it("ends a read with cancel() as an interrupt", async () => {
    const h = harness();
    const result = read(h);
    await h.press("typed");
    h.editor.cancel();
    await expect(result).resolves.toEqual({ kind: "interrupt", text: "typed" });
  });

  it("reads piped input line by line, without raw mode", async () => {
    const h = harness(40, false);
    let result = read(h);
    await h.press("first\nsecond\n");
    await expect(result).resolves.toEqual({ kind: "line", text: "first" });
    result = read(h);
    await h.press("");
    await expect(result).resolves.toEqual({ kind: "line", text: "second" });
    expect(h.rawModes).toEqual([]);
    result = read(h);
    h.input.end();
    await expect(result).resolves.toEqual({ kind: "eof" });
  });
});
