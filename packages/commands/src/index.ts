export type { ParsedSlashCommand } from "./parse-slash-command.js";
export { parseSlashCommand, suggestCommands } from "./parse-slash-command.js";
