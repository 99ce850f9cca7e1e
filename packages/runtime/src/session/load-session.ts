import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { emptyUsage, type Message, type Usage } from "@axion/api";
import { summaryMessage } from "../compaction/summary-message.js";
import { addUsage, priceUsage } from "../usage/usage-tracker.js";
import { SessionError } from "./session-error.js";
import {
  applyInterruptedToolsRepair,
  applyPromptResentRepair,
  findDanglingPrompt,
  interruptedToolRepairs,
  type DanglingPrompt,
} from "./session-repair.js";
import {
  isKnownRecord,
  parseRecordLine,
  SESSION_FORMAT_VERSION,
  type SessionInterruptedToolsRepair,
  type SessionMetaRecord,
  type SessionOtherRecord,
  type SessionRecord,
} from "./session-records.js";

/** A session read back from its file. */
export interface LoadedSession {
  /** The file name without `.jsonl` (a renamed session keeps its original id in `meta.session_id`). */
  id: string;
  path: string;
  meta: SessionMetaRecord;
  /** The conversation to continue from: compactions replaced by their summary message. */
  messages: Message[];
  /** How many compaction records the file holds. */
  compactions: number;
  /** Usage of every model call in the file, compacted history included. */
  usage: Usage;
  costUsd: number;
  /** Number of model calls the usage was gathered from. */
  modelCalls: number;
  title: string | undefined;
  /** Every valid record, in file order. */
  records: (SessionRecord | SessionOtherRecord)[];
  /** Whether a torn or invalid last line was ignored. */
  ignoredTail: boolean;
  /**
   * Tool calls an unclean exit left without results: already answered in `messages` with an "interrupted" result,
   * not yet recorded in the file (`SessionStore.resume` appends them).
   */
  pendingRepairs: SessionInterruptedToolsRepair[];
  /** Prompts at the end of `messages` no reply answered (the next prompt takes them in: `takeDanglingPrompt`). */
  danglingPrompt: DanglingPrompt | undefined;
}

/** Byte-level facts the store needs to append to or copy a session file safely. */
export interface SessionFileLayout {
  /** Bytes up to and including the last valid record (and its newline, when it has one). */
  validBytes: number;
  /** Whether `validBytes` ends in a newline (false for an empty file too). */
  endsWithNewline: boolean;
  /** Bytes of the meta line, newline included. */
  metaBytes: number;
}

export interface LoadSessionOptions {
  /** Prices a model call; defaults to the api model registry. */
  price?: ((usage: Usage, model: string) => number) | undefined;
  /** Time stamp of repairs found on load; defaults to the current time. */
  now?: (() => Date) | undefined;
}

const NEWLINE = 0x0a;

/** Reads and replays a session file. Throws `SessionError` naming file:line for an invalid record. */
export function loadSessionFile(path: string, options: LoadSessionOptions = {}): LoadedSession {
  return loadSessionWithLayout(path, options).session;
}

export function loadSessionWithLayout(
  path: string,
  options: LoadSessionOptions = {},
): { session: LoadedSession; layout: SessionFileLayout } {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new SessionError(`${path}: no such session file`, "session_not_found");
    throw new SessionError(`${path}: cannot read session file (${(error as Error).message})`, "session_io");
  }
  return parseSessionBuffer(buffer, path, options);
}

interface Line {
  text: string;
  number: number;
  /** Offset just past the line's newline (or the buffer end). */
  end: number;
  hasNewline: boolean;
}

function splitLines(buffer: Buffer): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  while (start < buffer.length) {
    const newline = buffer.indexOf(NEWLINE, start);
    const stop = newline === -1 ? buffer.length : newline;
    const end = newline === -1 ? buffer.length : newline + 1;
    lines.push({ text: buffer.toString("utf8", start, stop), number, end, hasNewline: newline !== -1 });
    start = end;
    number += 1;
  }
  return lines;
}

/** Parses the bytes of a session file; `path` only names it in errors and gives the id. */
export function parseSessionBuffer(
  buffer: Buffer,
  path: string,
  options: LoadSessionOptions = {},
): { session: LoadedSession; layout: SessionFileLayout } {
  const lines = splitLines(buffer).filter((line) => line.text.trim() !== "");
  const records: (SessionRecord | SessionOtherRecord)[] = [];
  const layout: SessionFileLayout = { validBytes: 0, endsWithNewline: false, metaBytes: 0 };
  let ignoredTail = false;
  let meta: SessionMetaRecord | undefined;
  let messages: Message[] = [];
  let compactions = 0;
  let title: string | undefined;
  const usageRecords: { usage: Usage; model: string }[] = [];
  const messageUsage: { usage: Usage; model: string | undefined }[] = [];

  for (const [index, line] of lines.entries()) {
    const parsed = parseRecordLine(line.text);
    if (!parsed.ok) {
      if (index === lines.length - 1) {
        ignoredTail = true;
        break;
      }
      throw new SessionError(`${path}:${line.number}: ${parsed.problem}`, "session_invalid_record");
    }
    const record = parsed.record;
    const where = `${path}:${line.number}`;
    if (meta === undefined) {
      if (record.type !== "meta") {
        throw new SessionError(`${where}: the first record must be "meta", found "${record.type}"`, "session_invalid_record");
      }
    }
    if (isKnownRecord(record)) {
      switch (record.type) {
        case "meta":
          if (meta !== undefined) {
            throw new SessionError(`${where}: a second "meta" record`, "session_invalid_record");
          }
          if (record.version > SESSION_FORMAT_VERSION) {
            throw new SessionError(
              `${where}: session format version ${record.version} is newer than this axion reads (${SESSION_FORMAT_VERSION})`,
              "session_invalid_record",
            );
          }
          meta = record;
          layout.metaBytes = line.end;
          break;
        case "message":
          messages.push(record.message);
          if (record.usage) messageUsage.push({ usage: record.usage, model: record.model });
          break;
        case "compaction":
          if (record.removed_messages > messages.length) {
            throw new SessionError(
              `${where}: compaction removes ${record.removed_messages} messages but only ${messages.length} precede it`,
              "session_invalid_record",
            );
          }
          messages = [summaryMessage(record.summary, record.removed_messages), ...messages.slice(record.removed_messages)];
          compactions += 1;
          break;
        case "usage":
          usageRecords.push({ usage: record.usage, model: record.model });
          break;
        case "title":
          title = record.title;
          break;
        case "repair":
          if (record.kind === "interrupted_tools") messages = applyInterruptedToolsRepair(messages, record);
          else if (record.kind === "prompt_resent") messages = applyPromptResentRepair(messages, record);
          break;
      }
    }
    records.push(record);
    layout.validBytes = line.end;
    layout.endsWithNewline = line.hasNewline;
  }

  if (meta === undefined) {
    const problem = lines.length === 0 ? "empty session file" : "no valid meta record";
    throw new SessionError(`${path}: ${problem}`, "session_invalid_record");
  }

  // Usage records are written once per model call; files without them carry usage on the assistant messages.
  // Prices are linear in tokens, so usage is summed per model and each model is priced once.
  const perModel = new Map<string, Usage>();
  const calls: { usage: Usage; model: string }[] =
    usageRecords.length > 0
      ? usageRecords
      : messageUsage.map((entry) => ({ usage: entry.usage, model: entry.model ?? meta?.model ?? "" }));
  const total = emptyUsage();
  for (const call of calls) {
    let sum = perModel.get(call.model);
    if (!sum) {
      sum = emptyUsage();
      perModel.set(call.model, sum);
    }
    addUsage(sum, call.usage);
    addUsage(total, call.usage);
  }
  const price = options.price ?? priceUsage;
  let costUsd = 0;
  for (const [model, sum] of perModel) costUsd += price(sum, model);

  // what an unclean exit left: answered here, recorded when the session is resumed for writing
  const pendingRepairs = interruptedToolRepairs(messages, (options.now ?? (() => new Date()))().toISOString());
  for (const repair of pendingRepairs) messages = applyInterruptedToolsRepair(messages, repair);

  const session: LoadedSession = {
    id: basename(path).replace(/\.jsonl$/, ""),
    path,
    meta,
    messages,
    compactions,
    usage: total,
    costUsd,
    modelCalls: calls.length,
    title,
    records,
    ignoredTail,
    pendingRepairs,
    danglingPrompt: findDanglingPrompt(messages),
  };
  return { session, layout };
}
