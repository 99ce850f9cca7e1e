import { resolve } from "node:path";
import type { SessionSummary } from "@axion/runtime";
import { CommandError } from "../command-error.js";
import type { CommandHost } from "../command-host.js";
import { formatTable, oneLine, plural } from "../text/format-text.js";
import { messageCountText } from "../text/message-count-text.js";

const LIST_LIMIT = 20;

/** `2026-08-01 14:05` in local time. */
export function formatDateTime(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The 20 newest sessions of the workspace, ● marking the current one. */
export function renderSessionList(host: CommandHost): string {
  const sessions = host.store.list();
  if (sessions.length === 0) return `No sessions in ${host.store.directory}.`;
  const current = resolve(host.session.path);
  const rows = sessions.slice(0, LIST_LIMIT).map((entry: SessionSummary) => [
    `${resolve(entry.path) === current ? "●" : " "} ${entry.id}`,
    formatDateTime(entry.updated),
    entry.error === undefined
      ? messageCountText(entry.messageCount, entry.messagesInContext, entry.compactions, true)
      : "unreadable",
    entry.model,
    entry.error !== undefined ? oneLine(entry.error, 60) : oneLine(entry.title ?? entry.preview, 60),
  ]);
  const more = sessions.length > LIST_LIMIT ? `\n  … and ${sessions.length - LIST_LIMIT} older` : "";
  return `Sessions in ${host.store.directory} (newest first):\n${formatTable(rows, "  ")}${more}`;
}

/**
 * Resolves a session reference for switching: an id, a unique id prefix, a path, or `latest` (the newest session
 * other than the current one).
 */
export function resolveOtherSession(host: CommandHost, ref: string): string {
  if (ref.trim() === "latest") {
    const current = resolve(host.session.path);
    const other = host.store.list().find((entry) => resolve(entry.path) !== current && entry.error === undefined);
    if (other === undefined) throw new CommandError("command_failed", `No other session in ${host.store.directory}.`);
    return other.path;
  }
  return host.store.resolve(ref);
}

/** Switches to the session at `path` and says where we are now. */
export function switchToSession(host: CommandHost, path: string): string {
  if (resolve(path) === resolve(host.session.path)) return `Already in session ${host.session.id}.`;
  const previous = host.session.id;
  host.session.switchTo(path);
  const session = host.session;
  return `Resumed session ${session.id} (${plural(session.messages.length, "message")}, model ${session.model}). Left ${previous}; it stays on disk.`;
}
