import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { discoverInstructionFiles, INSTRUCTION_FILE_LIMIT } from "@axion/runtime";
import { usageError } from "../command-error.js";
import type { CommandHost, SlashCommand } from "../command-host.js";
import { formatCount, splitFirstWord, truncateText } from "../text/format-text.js";

const USAGE = "[show | add <text>]";
const SHOW_LIMIT = 6_000;

/** `/memory [show | add <text>]`: the instruction files in effect, and notes appended to `./AXION.md`. */
export const memoryCommand: SlashCommand = {
  name: "memory",
  category: "Configuration",
  summary: "Show the instruction files, or add a note to AXION.md",
  usage: USAGE,
  details: "Notes go to AXION.md in the workspace as list items; the system prompt includes them from the next turn.",
  argumentCompletions: (args) => ["show", "add"].filter((entry) => entry.startsWith(args.trim())),
  async run(args, host) {
    const { first, rest } = splitFirstWord(args);
    if (first === "" || first === "show") return { output: show(host) };
    if (first === "add") {
      if (rest === "") throw usageError("memory", "add <text>");
      return { output: add(host, rest) };
    }
    throw usageError("memory", USAGE, `Unknown subcommand "${first}"`);
  },
};

function show(host: CommandHost): string {
  const files = discoverInstructionFiles(host.cwd, host.env["HOME"] === undefined ? {} : { home: host.env["HOME"] });
  const lines: string[] = [];
  if (files.length === 0) {
    lines.push("No instruction files apply here.");
  } else {
    lines.push("Instruction files in the system prompt:");
    for (const file of files) {
      const cut = file.content.length > INSTRUCTION_FILE_LIMIT ? ` (cut to ${formatCount(INSTRUCTION_FILE_LIMIT)} characters)` : "";
      lines.push(`  ${file.path} — ${formatCount(file.content.length)} characters${cut}`);
    }
  }
  const own = join(host.cwd, "AXION.md");
  if (existsSync(own)) {
    lines.push("", `${own}:`, truncateText(readFileSync(own, "utf8").trimEnd(), SHOW_LIMIT, "open the file to see all"));
  } else {
    lines.push("", `No AXION.md in ${host.cwd}. Add a note with /memory add <text>, or create one with /init.`);
  }
  return lines.join("\n");
}

function add(host: CommandHost, text: string): string {
  const path = join(host.cwd, "AXION.md");
  const note = `- ${text.replace(/\s*\n\s*/g, " ")}`;
  if (!existsSync(path)) {
    writeFileAtomic.sync(path, `# Project instructions for axion\n\n${note}\n`);
    return `Created ${path} with: ${note}`;
  }
  const existing = readFileSync(path, "utf8");
  const separator = existing === "" || existing.endsWith("\n") ? "" : "\n";
  writeFileAtomic.sync(path, `${existing}${separator}${note}\n`);
  return `Added to ${path}: ${note}\nIt is part of the system prompt from the next turn.`;
}
