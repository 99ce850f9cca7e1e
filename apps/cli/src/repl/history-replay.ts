import type { ContentBlock, Message } from "@axion/api";
import { renderMarkdown } from "./markdown-stream.js";
import type { TerminalStyle } from "./terminal-style.js";
import { styleToolCall, toolResultLines } from "./turn-view.js";

/** Where an inlined `@path` context starts in a user prompt; the replay shows the prompt as typed. */
const CONTEXT_MARKER = "\n\n[Context from @";

function blocksOf(message: Message): ContentBlock[] {
  return typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
}

function toolResultText(block: Extract<ContentBlock, { type: "tool_result" }>): string {
  if (typeof block.content === "string") return block.content;
  return block.content.map((part) => (part.type === "text" ? part.text : part.type === "json" ? JSON.stringify(part.value) : "[image]")).join("\n");
}

/**
 * The conversation of a resumed session in the style of a live one: each prompt after the input marker, replies
 * as rendered Markdown, tool calls and one-line results. Returns the text to print.
 */
export function renderHistory(messages: readonly Message[], style: TerminalStyle, options: { columns?: number; promptMarker?: string } = {}): string {
  const columns = options.columns ?? 80;
  const marker = options.promptMarker ?? "❯ ";
  let output = "";
  for (const message of messages) {
    const blocks = blocksOf(message);
    if (message.role === "user") {
      const texts = blocks.filter((block) => block.type === "text").map((block) => block.text);
      for (const text of texts) {
        const cut = text.indexOf(CONTEXT_MARKER);
        const typed = cut === -1 ? text : text.slice(0, cut);
        const attached = cut === -1 ? 0 : text.split("[Context from @").length - 1;
        output += `${style.bold(marker)}${typed.split("\n").join(`\n${" ".repeat(marker.length)}`)}\n`;
        if (attached > 0) output += `${style.dim(`  (${attached} file reference${attached === 1 ? "" : "s"} attached)`)}\n`;
      }
      for (const block of blocks) {
        if (block.type !== "tool_result") continue;
        for (const line of toolResultLines(toolResultText(block), block.is_error === true, undefined, style)) output += `${line}\n`;
      }
      if (texts.length > 0) output += "\n";
      continue;
    }
    for (const block of blocks) {
      if (block.type === "text" && block.text.trim() !== "") output += renderMarkdown(block.text, style, columns);
      else if (block.type === "tool_use") output += `${styleToolCall(block.name, block.input, style)}\n`;
    }
    output += "\n";
  }
  return output;
}
