import { messageSchema, usageSchema, type Message, type ToolResultBlock, type Usage } from "@axion/api";
import { z } from "zod";
import { isSimpleMessageRecord } from "./fast-record-check.js";

/** The version written in the meta record. A file with a higher version is refused. */
export const SESSION_FORMAT_VERSION = 1;

export interface SessionParent {
  session_id: string;
  branch?: string | undefined;
}

/** First line of every session file. */
export interface SessionMetaRecord {
  type: "meta";
  version: number;
  session_id: string;
  created_at: string;
  cwd: string;
  model: string;
  parent?: SessionParent | undefined;
}

/** One conversation message, written as it happens. `usage`/`model` are set on assistant replies. */
export interface SessionMessageRecord {
  type: "message";
  message: Message;
  usage?: Usage | undefined;
  model?: string | undefined;
  timestamp: string;
}

/**
 * A compaction: on load, the first `removed_messages` messages before it are replaced by one summary message.
 * `kept_messages` is how many messages the compacted history holds.
 */
export interface SessionCompactionRecord {
  type: "compaction";
  summary: string;
  removed_messages: number;
  kept_messages: number;
  timestamp: string;
}

/** The usage of one model call and what it cost when it was made. */
export interface SessionUsageRecord {
  type: "usage";
  usage: Usage;
  model: string;
  cost_usd: number;
  timestamp?: string | undefined;
}

export interface SessionTitleRecord {
  type: "title";
  title: string;
  timestamp?: string | undefined;
}

/**
 * Tool calls an unclean exit left without results, answered by synthesized `is_error` results. Written once, when
 * the session is resumed for writing; on load the results join the history right after the assistant message that
 * holds `tool_use_ids[0]` (after the results that message already has, if any).
 */
export interface SessionInterruptedToolsRepair {
  type: "repair";
  kind: "interrupted_tools";
  tool_use_ids: string[];
  results: ToolResultBlock[];
  timestamp: string;
}

/**
 * The first prompt sent after resuming a session whose history ended in `replaced_messages` prompts no reply
 * answered (an unclean exit during the model call, or an older build's failed retries): on load those trailing
 * messages are replaced by `message`, which holds their content once, merged with the new prompt.
 */
export interface SessionPromptResentRepair {
  type: "repair";
  kind: "prompt_resent";
  replaced_messages: number;
  message: Message;
  timestamp: string;
}

export type SessionRepairRecord = SessionInterruptedToolsRepair | SessionPromptResentRepair;

/** A record of a type this version does not know; it is kept but does not change the conversation. */
export interface SessionOtherRecord {
  type: string;
  [key: string]: unknown;
}

export type SessionRecord =
  | SessionMetaRecord
  | SessionMessageRecord
  | SessionCompactionRecord
  | SessionUsageRecord
  | SessionTitleRecord
  | SessionRepairRecord;

const nonNegativeInteger = z.number().int().nonnegative();

const metaRecordSchema = z.looseObject({
  type: z.literal("meta"),
  version: z.number().int().positive(),
  session_id: z.string().min(1),
  created_at: z.string(),
  cwd: z.string(),
  model: z.string(),
  parent: z.looseObject({ session_id: z.string().min(1), branch: z.string().optional() }).optional(),
});

const messageRecordSchema = z.looseObject({
  type: z.literal("message"),
  message: messageSchema,
  usage: usageSchema.optional(),
  model: z.string().optional(),
  timestamp: z.string(),
});

const compactionRecordSchema = z.looseObject({
  type: z.literal("compaction"),
  summary: z.string(),
  removed_messages: nonNegativeInteger,
  kept_messages: nonNegativeInteger,
  timestamp: z.string(),
});

const usageRecordSchema = z.looseObject({
  type: z.literal("usage"),
  usage: usageSchema,
  model: z.string(),
  cost_usd: z.number().nonnegative(),
  timestamp: z.string().optional(),
});

const titleRecordSchema = z.looseObject({
  type: z.literal("title"),
  title: z.string(),
  timestamp: z.string().optional(),
});

const toolResultSchema = z.looseObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string().min(1),
  content: z.string(),
  is_error: z.boolean().optional(),
});

const repairRecordSchema = z.discriminatedUnion("kind", [
  z.looseObject({
    type: z.literal("repair"),
    kind: z.literal("interrupted_tools"),
    tool_use_ids: z.array(z.string().min(1)).min(1),
    results: z.array(toolResultSchema).min(1),
    timestamp: z.string(),
  }),
  z.looseObject({
    type: z.literal("repair"),
    kind: z.literal("prompt_resent"),
    replaced_messages: nonNegativeInteger,
    message: messageSchema,
    timestamp: z.string(),
  }),
]);

const REPAIR_KINDS: ReadonlySet<string> = new Set(["interrupted_tools", "prompt_resent"]);

const otherRecordSchema = z.looseObject({ type: z.string().min(1) });

const schemaByType: Record<string, z.ZodType> = {
  meta: metaRecordSchema,
  message: messageRecordSchema,
  compaction: compactionRecordSchema,
  usage: usageRecordSchema,
  title: titleRecordSchema,
  repair: repairRecordSchema,
};

export type ParsedRecord = { ok: true; record: SessionRecord | SessionOtherRecord } | { ok: false; problem: string };

/** Parses and validates one line of a session file. Never throws. */
export function parseRecordLine(line: string): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, problem: `invalid JSON (${(error as Error).message})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || typeof (value as { type?: unknown }).type !== "string") {
    return { ok: false, problem: "not a record: expected an object with a string \"type\"" };
  }
  const type = (value as { type: string }).type;
  // most lines are plain messages: check them by hand, zod only for the rest (and for the error message)
  if (type === "message" && isSimpleMessageRecord(value as Record<string, unknown>)) {
    return { ok: true, record: value as SessionMessageRecord };
  }
  // a repair of a kind a newer version writes is kept but changes nothing, like an unknown record type
  const unknownRepair = type === "repair" && !REPAIR_KINDS.has(String((value as { kind?: unknown }).kind));
  const schema = unknownRepair ? otherRecordSchema : (schemaByType[type] ?? otherRecordSchema);
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: describeIssue(type, parsed.error) };
  return { ok: true, record: parsed.data as SessionRecord | SessionOtherRecord };
}

function describeIssue(type: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `invalid ${type} record`;
  const path = issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("");
  const where = path === "" ? "" : `${path.replace(/^\./, "")}: `;
  return `invalid ${type} record: ${where}${issue.message}`;
}

export function isKnownRecord(record: SessionRecord | SessionOtherRecord): record is SessionRecord {
  return record.type in schemaByType;
}
