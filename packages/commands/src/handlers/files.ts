import type { SlashCommand } from "../command-host.js";
import { toolUsesOf } from "../text/message-text.js";

const PATH_FIELDS = ["file_path", "notebook_path", "path"];
const PATTERN_FIELDS = ["pattern"];

/** `/files`: the files and patterns the model's tool calls touched in this conversation, with the tools used. */
export const filesCommand: SlashCommand = {
  name: "files",
  category: "Info & Diagnostics",
  summary: "List the files the tool calls touched",
  async run(_args, host) {
    const files = new Map<string, Set<string>>();
    const patterns = new Map<string, Set<string>>();
    const note = (target: Map<string, Set<string>>, key: string, tool: string): void => {
      let tools = target.get(key);
      if (tools === undefined) {
        tools = new Set();
        target.set(key, tools);
      }
      tools.add(tool);
    };
    for (const message of host.session.messages) {
      for (const use of toolUsesOf(message)) {
        const input = (typeof use.input === "object" && use.input !== null ? use.input : {}) as Record<string, unknown>;
        for (const field of PATH_FIELDS) if (typeof input[field] === "string" && input[field] !== "") note(files, input[field], use.name);
        for (const field of PATTERN_FIELDS) if (typeof input[field] === "string" && input[field] !== "") note(patterns, input[field], use.name);
      }
    }
    if (files.size === 0 && patterns.size === 0) return { output: "No files touched by tool calls in this conversation yet." };
    const lines: string[] = [];
    const render = (title: string, entries: Map<string, Set<string>>): void => {
      if (entries.size === 0) return;
      if (lines.length > 0) lines.push("");
      lines.push(`${title} (${entries.size}):`);
      for (const [key, tools] of [...entries].sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${key}  (${[...tools].sort().join(", ")})`);
    };
    render("Files", files);
    render("Search patterns", patterns);
    return { output: lines.join("\n") };
  },
};
