import { PERMISSION_MODE_NAMES, PERMISSION_MODES, parsePermissionMode } from "@axion/runtime";
import { TOOL_MAIN_FIELDS } from "@axion/tools";
import { CommandError, usageError } from "../command-error.js";
import type { CommandHost, SlashCommand } from "../command-host.js";
import { splitFirstWord } from "../text/format-text.js";

const USAGE = "[mode | why <tool> [input]]";

/** Input fields free text fills in for `/permissions why <tool> <text>`. */
const MAIN_FIELD = TOOL_MAIN_FIELDS;

const MODE_NOTES: Readonly<Record<string, string>> = {
  "read-only": "tools that only read run; everything else is denied",
  "workspace-write": "reads and edits inside the workspace run; Bash and other full-access tools ask",
  "danger-full-access": "every tool runs without asking (deny rules still apply)",
  prompt: "read-only tools run; every other call asks",
  allow: "every tool runs without asking (deny rules still apply)",
};

/** `/permissions [mode | why <tool> [input]]`: shows or sets the mode, or explains how a call would be decided. */
export const permissionsCommand: SlashCommand = {
  name: "permissions",
  category: "Model & Permissions",
  summary: "Show or set the permission mode, or explain a decision",
  usage: USAGE,
  details: [
    `Modes: ${PERMISSION_MODES.join(", ")} (Claude Code names default, acceptEdits, plan, bypassPermissions, dontAsk also work).`,
    "/permissions why <tool> <json input | text> (or Claude's rule syntax, Tool(input)) runs the decision enforcement runs, for example:",
    "  /permissions why Bash git push",
    "  /permissions why Bash(rm -rf build)",
    '  /permissions why Write {"file_path":"src/a.ts","content":""}',
    "  /permissions why Read(secrets/a.txt)",
  ].join("\n"),
  argumentCompletions: (args) => [...PERMISSION_MODES, "why"].filter((entry) => entry.startsWith(args.trim())),
  async run(args, host) {
    const { first, rest } = splitFirstWord(args);
    if (first === "") return { output: describe(host) };
    if (first.toLowerCase() === "why") return { output: await explain(host, rest) };
    if (rest !== "") throw usageError("permissions", USAGE);
    const mode = parsePermissionMode(first);
    if (mode === undefined) {
      throw usageError("permissions", USAGE, `Unknown permission mode "${first}"; expected one of ${PERMISSION_MODE_NAMES.join(", ")}`);
    }
    const previous = host.session.permissionMode;
    host.session.setPermissionMode(mode);
    if (previous === mode) return { output: `Permission mode is already ${mode}.` };
    return { output: `Permission mode: ${previous} → ${mode} (${MODE_NOTES[mode] ?? ""}).` };
  },
};

function describe(host: CommandHost): string {
  const mode = host.session.permissionMode;
  const rules = host.config.permissionRules;
  const lines = [`Permission mode: ${mode} — ${MODE_NOTES[mode] ?? ""}`, `Plan mode: ${host.session.planMode ? "on (only read-only tools run)" : "off"}`];
  for (const [label, list] of [
    ["Allow rules", rules.allow],
    ["Ask rules", rules.ask],
    ["Deny rules", rules.deny],
  ] as const) {
    lines.push(`${label}: ${list.length === 0 ? "none" : list.join(", ")}`);
  }
  lines.push("", `Change it with /permissions <${PERMISSION_MODES.join("|")}>; /permissions why <tool> <input> explains a decision.`);
  return lines.join("\n");
}

/** `Tool(input)`: Claude's rule syntax, e.g. `Bash(rm -rf x)`, `Write(/etc/x)`. */
const RULE_SYNTAX = /^([A-Za-z0-9_.*-]+)\(([\s\S]*)\)$/;

async function explain(host: CommandHost, text: string): Promise<string> {
  const rule = RULE_SYNTAX.exec(text.trim());
  const { first: toolArgument, rest } = rule === null ? splitFirstWord(text) : { first: rule[1] ?? "", rest: (rule[2] ?? "").trim() };
  if (toolArgument === "") throw usageError("permissions", "why <tool> [json input | text]");
  const tool =
    host.tools.get(toolArgument) ?? host.tools.list().find((entry) => entry.name.toLowerCase() === toolArgument.toLowerCase());
  if (tool === undefined) {
    const known = host.tools
      .list()
      .map((entry) => entry.name)
      .join(", ");
    throw new CommandError("command_usage", `Unknown tool "${toolArgument}". Tools of this session: ${known}`);
  }
  return host.session.explainPermission(tool.name, inputOf(tool.name, rest));
}

function inputOf(toolName: string, text: string): unknown {
  if (text === "") return {};
  if (text.startsWith("{")) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new CommandError("command_usage", `/permissions why ${toolName}: the input is not valid JSON (${(error as Error).message})`);
    }
  }
  const field = MAIN_FIELD[toolName];
  if (field === undefined) {
    throw new CommandError("command_usage", `/permissions why ${toolName}: give the input as JSON, e.g. {"field":"value"}`);
  }
  return { [field]: text };
}
