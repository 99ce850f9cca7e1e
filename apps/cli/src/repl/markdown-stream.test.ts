import { describe, expect, it } from "vitest";
import { highlightCodeLine } from "./code-highlighter.js";
import { createMarkdownStream, renderInline, renderMarkdown } from "./markdown-stream.js";
import { createTerminalStyle, stripAnsi } from "./terminal-style.js";

const styled = createTerminalStyle(true);
const plain = createTerminalStyle(false);

function collect(style = styled) {
  const writes: string[] = [];
  const stream = createMarkdownStream({ style, write: (text) => writes.push(text), columns: () => 20 });
  return { stream, writes };
}

describe("createMarkdownStream", () => {
  it("writes only finished lines, each once, as the text arrives in pieces", () => {
    const { stream, writes } = collect();
    stream.push("# Tit");
    expect(writes).toEqual([]);
    expect(stream.midLine).toBe(true);
    stream.push("le\nsome **bo");
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBe(`${styled.bold(styled.underline("Title"))}\n`);
    stream.push("ld** text\n- item `x`\n");
    expect(writes.map(stripAnsi)).toEqual(["Title\n", "some bold text\n", "• item x\n"]);
    expect(writes[1]).toContain(styled.bold("bold"));
    expect(writes[2]).toContain(styled.cyan("x"));
    stream.push("tail without newline");
    stream.end();
    expect(writes.at(-1)).toBe("tail without newline\n");
    expect(writes.join("")).not.toContain("\x1b[2J");
  });

  it("highlights code fences line by line and leaves Markdown inside them alone", () => {
    const { stream, writes } = collect();
    stream.push("```ts\nconst x = 1; // **not bold**\n```\nafter *it*\n");
    expect(writes.map(stripAnsi)).toEqual(["```ts\n", "const x = 1; // **not bold**\n", "```\n", "after it\n"]);
    expect(writes[1]).toContain(styled.magenta("const"));
    expect(writes[1]).toContain(styled.yellow("1"));
    expect(writes[1]).toContain(styled.gray("// **not bold**"));
    expect(writes[3]).toContain(styled.italic("it"));
  });

  it("renders quotes, ordered lists, task lists, rules and links", () => {
    const text = renderMarkdown("> quoted\n1. first\n- [x] done\n- [ ] open\n---\n[docs](https://x.dev)\n", styled, 10);
    expect(stripAnsi(text).split("\n")).toEqual(["│ quoted", "1. first", "☑ done", "☐ open", "──────────", "docs (https://x.dev)", ""]);
  });

  it("passes text through unchanged, as it arrives, when styling is off", () => {
    const { stream, writes } = collect(plain);
    stream.push("# Title\n**bo");
    stream.push("ld**");
    stream.end();
    expect(writes.join("")).toBe("# Title\n**bold**\n");
    expect(writes).toHaveLength(3);
  });
});

describe("renderInline", () => {
  it("keeps underscores inside words and asterisks in arithmetic", () => {
    expect(stripAnsi(renderInline("snake_case_name and 2 * 3 * 4", styled))).toBe("snake_case_name and 2 * 3 * 4");
    expect(renderInline("snake_case_name", styled)).toBe("snake_case_name");
  });
});

describe("highlightCodeLine", () => {
  it("colours keywords, strings and comments for known languages and nothing when styling is off", () => {
    const line = highlightCodeLine('def f(x): return "s" # note', "python", styled);
    expect(line).toContain(styled.magenta("def"));
    expect(line).toContain(styled.green('"s"'));
    expect(line).toContain(styled.gray("# note"));
    expect(highlightCodeLine("echo http://x.dev/a # c", "sh", styled)).toContain(styled.gray("# c"));
    expect(highlightCodeLine("fetch('http://x.dev')", "js", styled)).not.toContain("\x1b[90m");
    expect(highlightCodeLine("const x", "ts", plain)).toBe("const x");
  });
});
