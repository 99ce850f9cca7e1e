import { closeSync, openSync, readSync } from "node:fs";
import type { SessionMetaRecord } from "@axion/runtime";

/** The meta record (first line) of a session file, read without loading the rest; undefined when unreadable. */
export function readSessionMeta(path: string): SessionMetaRecord | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(16 * 1024);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, length).toString("utf8");
    const newline = text.indexOf("\n");
    const record = JSON.parse(newline === -1 ? text : text.slice(0, newline)) as Partial<SessionMetaRecord>;
    return record.type === "meta" ? (record as SessionMetaRecord) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
