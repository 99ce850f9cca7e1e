import { highlightCodeLine } from "./code-highlighter.js";
import type { TerminalStyle } from "./terminal-style.js";

/** Renders streamed Markdown as it arrives, one finished line at a time (nothing already written is redrawn). */
export interface MarkdownStream {
  push(text: string): void;
  /** Writes the unfinished last line, if any, and resets the block state (end of a message). */
  end(): void;
  /** True when text was written and no newline has ended it yet. */
  readonly midLine: boolean;
}

export interface MarkdownStreamOptions {
  style: TerminalStyle;
  write(text: string): void;
  /** Terminal columns, for rules (default 80). */
  columns?: (() => number) | undefined;
}

interface FenceState {
  marker: string;
  language: string;
}

/**
 * A line-based Markdown renderer: headings, lists, quotes, rules, bold / italic / inline code / links, and code
 * fences highlighted line by line. With styling off the text passes through unchanged, as it arrives.
 */
export function createMarkdownStream(options: MarkdownStreamOptions): MarkdownStream {
  const { style, write } = options;
  const columns = options.columns ?? (() => 80);
  let buffer = "";
  let fence: FenceState | undefined;
  let midLine = false;

  if (!style.enabled) {
    return {
      push(text) {
        if (text === "") return;
        write(text);
        midLine = !text.endsWith("\n");
      },
      end() {
        if (midLine) write("\n");
        midLine = false;
      },
      get midLine() {
        return midLine;
      },
    };
  }

  const renderLine = (line: string): string => {
    const rendered = renderMarkdownLine(line, fence, style, columns());
    fence = rendered.fence;
    return rendered.text;
  };

  return {
    push(text) {
      buffer += text;
      let newline = buffer.indexOf("\n");
      while (newline !== -1) {
        write(`${renderLine(buffer.slice(0, newline))}\n`);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf("\n");
      }
    },
    end() {
      if (buffer !== "") write(`${renderLine(buffer)}\n`);
      buffer = "";
      fence = undefined;
    },
    get midLine() {
      return buffer !== "";
    },
  };
}

/** Renders a whole Markdown text (a message replayed from a resumed session). */
export function renderMarkdown(text: string, style: TerminalStyle, columns = 80): string {
  let output = "";
  const stream = createMarkdownStream({ style, write: (chunk) => (output += chunk), columns: () => columns });
  stream.push(text);
  stream.end();
  return output;
}

const FENCE_OPEN = /^\s{0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const QUOTE = /^(\s*)>\s?(.*)$/;
const BULLET = /^(\s*)[-*+]\s+(.*)$/;
const ORDERED = /^(\s*)(\d{1,9}[.)])\s+(.*)$/;
const TASK = /^\[([ xX])\]\s+(.*)$/;

function renderMarkdownLine(
  line: string,
  fence: FenceState | undefined,
  style: TerminalStyle,
  columns: number,
): { text: string; fence: FenceState | undefined } {
  if (fence !== undefined) {
    const trimmed = line.trim();
    const closes = trimmed.length >= fence.marker.length && trimmed === fence.marker[0]!.repeat(trimmed.length);
    if (closes) return { text: style.dim(line), fence: undefined };
    return { text: highlightCodeLine(line, fence.language, style), fence };
  }
  const open = FENCE_OPEN.exec(line);
  if (open) return { text: style.dim(line), fence: { marker: open[1]!, language: open[2] ?? "" } };
  const heading = HEADING.exec(line);
  if (heading) {
    const text = renderInline(heading[2]!, style);
    const level = heading[1]!.length;
    return { text: level === 1 ? style.bold(style.underline(text)) : level === 2 ? style.bold(style.cyan(text)) : style.bold(text), fence };
  }
  if (RULE.test(line)) return { text: style.dim("─".repeat(Math.max(3, Math.min(columns, 60)))), fence };
  const quote = QUOTE.exec(line);
  if (quote) return { text: `${quote[1]}${style.dim("│")} ${style.italic(renderInline(quote[2]!, style))}`, fence };
  const bullet = BULLET.exec(line);
  if (bullet) {
    const task = TASK.exec(bullet[2]!);
    if (task) {
      const done = task[1] !== " ";
      return { text: `${bullet[1]}${done ? style.green("☑") : "☐"} ${renderInline(task[2]!, style)}`, fence };
    }
    return { text: `${bullet[1]}${style.cyan("•")} ${renderInline(bullet[2]!, style)}`, fence };
  }
  const ordered = ORDERED.exec(line);
  if (ordered) return { text: `${ordered[1]}${style.cyan(ordered[2]!)} ${renderInline(ordered[3]!, style)}`, fence };
  return { text: renderInline(line, style), fence };
}

const CODE_SPAN = /(`+)([\s\S]+?)\1(?!`)/g;

/** Bold, italic, strike-through, links and inline code within one line. */
export function renderInline(text: string, style: TerminalStyle): string {
  if (!style.enabled) return text;
  let output = "";
  let last = 0;
  for (const match of text.matchAll(CODE_SPAN)) {
    output += renderEmphasis(text.slice(last, match.index), style);
    output += style.cyan(match[2]!.trim() === "" ? match[2]! : match[2]!.replace(/^ (.*) $/, "$1"));
    last = match.index + match[0].length;
  }
  return output + renderEmphasis(text.slice(last), style);
}

function renderEmphasis(text: string, style: TerminalStyle): string {
  if (text === "") return text;
  return text
    .replace(/\[([^\]]+)\]\((\S+?)\)/g, (_match, label: string, url: string) => `${style.underline(label)}${style.dim(` (${url})`)}`)
    .replace(/\*\*(?=\S)(.+?)(?<=\S)\*\*/g, (_match, inner: string) => style.bold(inner))
    .replace(/(^|[^\w])__(?=\S)(.+?)(?<=\S)__(?!\w)/g, (_match, before: string, inner: string) => before + style.bold(inner))
    .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, (_match, inner: string) => style.dim(inner))
    .replace(/(^|[^\w*])\*(?=[^\s*])([^*]+?)(?<=\S)\*(?![\w*])/g, (_match, before: string, inner: string) => before + style.italic(inner))
    .replace(/(^|[^\w])_(?=[^\s_])([^_]+?)(?<=\S)_(?!\w)/g, (_match, before: string, inner: string) => before + style.italic(inner));
}
