import { resolve } from "node:path";
import { CommandError, usageError } from "../command-error.js";
import type { CommandHost, SlashCommand } from "../command-host.js";
import { readSessionMeta } from "../support/session-meta.js";
import { renderSessionList, resolveOtherSession, switchToSession } from "../support/session-list.js";
import { formatTable, splitFirstWord } from "../text/format-text.js";

const USAGE = "[show | list | fork [branch] | switch <id> | delete <id> | new]";
const SUBCOMMANDS = ["show", "list", "fork", "switch", "delete", "new"];

/** `/session …`: shows, lists, forks, switches, deletes and starts sessions. */
export const sessionCommand: SlashCommand = {
  name: "session",
  category: "Session Management",
  summary: "Show, list, fork, switch, delete or start sessions",
  usage: USAGE,
  details: "A session can be named by its id, a unique prefix of it, the path of its file, or latest. sw and rm are short for switch and delete.",
  argumentCompletions(args, host) {
    const { first, rest } = splitFirstWord(args);
    if (!/\s/.test(args)) return SUBCOMMANDS.filter((entry) => entry.startsWith(first));
    if (["switch", "sw", "delete", "rm"].includes(first)) {
      return host.store
        .list()
        .map((entry) => `${first} ${entry.id}`)
        .filter((entry) => entry.startsWith(`${first} ${rest}`));
    }
    return [];
  },
  async run(args, host) {
    const { first, rest } = splitFirstWord(args);
    switch (first.toLowerCase()) {
      case "":
      case "show":
        return { output: show(host) };
      case "list":
      case "ls":
        return { output: renderSessionList(host) };
      case "fork": {
        const previous = host.session.id;
        const id = host.session.fork(rest === "" ? undefined : rest);
        return { output: `Forked session ${previous} into ${id}${rest === "" ? "" : ` (branch ${rest})`}; now working in ${id}.` };
      }
      case "switch":
      case "sw":
        if (rest === "") throw usageError("session", "switch <id>");
        return { output: switchToSession(host, resolveOtherSession(host, rest)) };
      case "delete":
      case "rm": {
        if (rest === "") throw usageError("session", "delete <id>");
        const path = host.store.resolve(rest);
        if (resolve(path) === resolve(host.session.path)) {
          throw new CommandError("command_failed", `Cannot delete the active session ${host.session.id}; switch to another one first (/session new).`);
        }
        host.store.delete(path);
        return { output: `Deleted session ${path}.` };
      }
      case "new": {
        const previous = host.session.id;
        host.session.newSession();
        return { output: `Started session ${host.session.id}. The previous session ${previous} stays on disk (/resume ${previous}).` };
      }
      default:
        throw usageError("session", USAGE, `Unknown subcommand "${first}"`);
    }
  },
};

function show(host: CommandHost): string {
  const session = host.session;
  const meta = readSessionMeta(session.path);
  const rows = [
    ["Session", session.id],
    ["File", session.path],
    ["Model", `${session.model} (${session.provider})`],
    ["Messages", String(session.messages.length)],
  ];
  if (meta !== undefined) rows.push(["Created", meta.created_at]);
  if (meta?.parent !== undefined) {
    rows.push(["Forked from", `${meta.parent.session_id}${meta.parent.branch === undefined ? "" : ` (branch ${meta.parent.branch})`}`]);
  }
  return formatTable(rows);
}
