import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ContentBlock, Message } from "@axion/api";
import { checkStrictHistory } from "@axion/mock-llm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SessionStore } from "./session-store.js";
import { INTERRUPTED_TOOL_RESULT, takeDanglingPrompt } from "./session-repair.js";
import type { SessionWriter } from "./session-writer.js";

let workspace: string;
let store: SessionStore;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), "axion-repair-"));
  store = new SessionStore({ cwd: workspace, now: () => new Date("2026-01-02T03:04:05.000Z") });
});

afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
});

const user = (text: string): Message => ({ role: "user", content: [{ type: "text", text }] });
const assistant = (text: string): Message => ({ role: "assistant", content: [{ type: "text", text }] });
const callsTools = (...ids: string[]): Message => ({
  role: "assistant",
  content: [{ type: "text", text: "running" }, ...ids.map((id): ContentBlock => ({ type: "tool_use", id, name: "Bash", input: { command: `echo ${id}` } }))],
});
const results = (...ids: string[]): Message => ({ role: "user", content: ids.map((id): ContentBlock => ({ type: "tool_result", tool_use_id: id, content: `out ${id}` })) });
const interrupted = (id: string): ContentBlock => ({ type: "tool_result", tool_use_id: id, content: INTERRUPTED_TOOL_RESULT, is_error: true });

/** A session file as a build before repair records wrote it, cut off where an unclean exit left it. */
function writeOldSession(id: string, messages: Message[], tail = ""): string {
  const directory = join(workspace, ".axion", "sessions");
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `${id}.jsonl`);
  const lines = [
    { type: "meta", version: 1, session_id: id, created_at: "2026-01-01T00:00:00.000Z", cwd: workspace, model: "claude-sonnet-4-6" },
    ...messages.map((message) => ({ type: "message", message, timestamp: "2026-01-01T00:00:01.000Z" })),
  ];
  writeFileSync(path, `${lines.map((line) => JSON.stringify(line)).join("\n")}\n${tail}`);
  return path;
}

function recordTypes(path: string): string[] {
  return readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((line) => {
      const record = JSON.parse(line) as { type: string; kind?: string };
      return record.kind === undefined ? record.type : `${record.type}:${record.kind}`;
    });
}

/** The history is one the Anthropic API accepts (the strict mock's rules). */
function expectValidForAnthropic(messages: Message[]): void {
  expect(checkStrictHistory("anthropic", { model: "m", max_tokens: 10, messages })).toBeUndefined();
}

/** What the agent loop does with a prompt: append it to the history and the transcript. */
function sendPrompt(messages: Message[], writer: SessionWriter, prompt: string): void {
  const content = takeDanglingPrompt(messages, writer, prompt);
  const message: Message = { role: "user", content: typeof content === "string" ? [{ type: "text", text: content }] : content };
  messages.push(message);
  writer.appendMessage(message);
}

describe("loading repairs what an unclean exit left", () => {
  it("answers tool calls left without results, records it once on resume, and a second resume adds nothing", () => {
    const path = writeOldSession("killed", [user("loop"), callsTools("a", "b")]);
    expect(checkStrictHistory("anthropic", { messages: [user("loop"), callsTools("a", "b"), user("continue")] })).toBeDefined();

    const opened = store.open("killed");
    expect(opened.messages).toEqual([user("loop"), callsTools("a", "b"), { role: "user", content: [interrupted("a"), interrupted("b")] }]);
    expect(opened.pendingRepairs).toHaveLength(1);
    expect(recordTypes(path)).toEqual(["meta", "message", "message"]); // opening to read writes nothing

    const first = store.resume("killed");
    expect(first.notes).toEqual(["session killed: 2 tool calls left without a result by an unclean exit marked as interrupted"]);
    first.writer.close();
    expect(recordTypes(path)).toEqual(["meta", "message", "message", "repair:interrupted_tools"]);
    const repair = JSON.parse(readFileSync(path, "utf8").trim().split("\n").at(-1)!) as Record<string, unknown>;
    expect(repair).toEqual({
      type: "repair",
      kind: "interrupted_tools",
      tool_use_ids: ["a", "b"],
      results: [interrupted("a"), interrupted("b")],
      timestamp: "2026-01-02T03:04:05.000Z",
    });

    const second = store.resume("killed");
    expect(second.notes).toEqual([]);
    expect(second.session.pendingRepairs).toEqual([]);
    expect(second.session.messages).toEqual(opened.messages);
    second.writer.close();
    expect(recordTypes(path)).toEqual(["meta", "message", "message", "repair:interrupted_tools"]);
    expectValidForAnthropic([...second.session.messages, user("continue")]);
  });

  it("adds the missing results to a message that answered only some calls", () => {
    writeOldSession("partial", [user("loop"), callsTools("a", "b"), results("a")]);
    const { session, writer } = store.resume("partial");
    writer.close();
    expect(session.messages.at(-1)).toEqual({ role: "user", content: [{ type: "tool_result", tool_use_id: "a", content: "out a" }, interrupted("b")] });
    expect(store.open("partial").messages).toEqual(session.messages);
    expectValidForAnthropic(session.messages);
  });

  it("repairs a file an older build could not resume: the result goes right after the call, the retried prompts stay once", () => {
    // killed during a tool, then two `-c -p continue` that each appended a prompt and failed with a 400
    const path = writeOldSession("old", [user("loop"), assistant("sure"), user("again"), callsTools("t1"), user("continue"), user("continue")]);
    const { session, writer } = store.resume("old");
    expect(session.messages).toEqual([
      user("loop"),
      assistant("sure"),
      user("again"),
      callsTools("t1"),
      { role: "user", content: [interrupted("t1")] },
      user("continue"),
      user("continue"),
    ]);
    expect(session.danglingPrompt).toEqual({ messages: 2, content: [{ type: "text", text: "continue" }] });

    const messages = [...session.messages];
    sendPrompt(messages, writer, "continue");
    messages.push(assistant("continuing"));
    writer.appendMessage(assistant("continuing"));
    writer.close();
    // sent once, not three times
    expect(messages.slice(-2)).toEqual([user("continue"), assistant("continuing")]);
    expectValidForAnthropic(messages);
    expect(store.open("old").messages).toEqual(messages);
    expect(recordTypes(path).slice(-3)).toEqual(["repair:interrupted_tools", "repair:prompt_resent", "message"]);
  });

  it("keeps an unanswered prompt once: resent as it was, it is sent once; a new prompt follows it in the same message", () => {
    writeOldSession("dangling", [user("first"), assistant("ok"), user("write the tests")]);
    const resumed = store.resume("dangling");
    expect(resumed.notes).toEqual([]);
    expect(resumed.session.danglingPrompt?.messages).toBe(1);
    const messages = [...resumed.session.messages];
    sendPrompt(messages, resumed.writer, "write the tests");
    expect(messages).toEqual([user("first"), assistant("ok"), user("write the tests")]);
    resumed.writer.close();
    expect(store.open("dangling").messages).toEqual(messages);

    // killed again before the reply: the next prompt takes it in
    const again = store.resume("dangling");
    const next = [...again.session.messages];
    sendPrompt(next, again.writer, "and run them");
    again.writer.close();
    expect(next.at(-1)).toEqual({ role: "user", content: [{ type: "text", text: "write the tests" }, { type: "text", text: "and run them" }] });
    expect(next).toHaveLength(3);
    expect(store.open("dangling").messages).toEqual(next);
  });

  it("leaves a session that ended cleanly alone", () => {
    const path = writeOldSession("clean", [user("hi"), callsTools("a"), results("a"), assistant("done")]);
    const { session, writer, notes } = store.resume("clean");
    writer.close();
    expect([session.pendingRepairs, session.danglingPrompt, notes]).toEqual([[], undefined, []]);
    expect(recordTypes(path)).toEqual(["meta", "message", "message", "message", "message"]);
  });

  it("still ignores a torn last line, and repairs what precedes it", () => {
    const path = writeOldSession("torn", [user("loop"), callsTools("a")], '{"type":"message","message":{"role":"user","content":[{"type":"tool_res');
    const { session, writer } = store.resume("torn");
    writer.close();
    expect(session.ignoredTail).toBe(true);
    expect(session.messages.at(-1)).toEqual({ role: "user", content: [interrupted("a")] });
    expect(recordTypes(path)).toEqual(["meta", "message", "message", "repair:interrupted_tools"]);
    expect(store.open("torn").messages).toEqual(session.messages);
  });

  it("applies a repair recorded before later messages, and keeps a repair of an unknown kind without acting on it", () => {
    const path = writeOldSession("later", [user("loop"), callsTools("a")]);
    store.resume("later").writer.close();
    const more = store.resume("later");
    more.writer.appendMessage(user("continue"));
    more.writer.appendMessage(callsTools("b"));
    more.writer.appendMessage(results("b"));
    more.writer.appendMessage(assistant("done"));
    more.writer.close();
    appendFileSync(path, `${JSON.stringify({ type: "repair", kind: "from_the_future", timestamp: "x" })}\n`);
    const loaded = store.open("later");
    expect(loaded.pendingRepairs).toEqual([]);
    expect(loaded.messages).toEqual([user("loop"), callsTools("a"), { role: "user", content: [interrupted("a")] }, user("continue"), callsTools("b"), results("b"), assistant("done")]);
    expectValidForAnthropic(loaded.messages);
  });

  it("names the file and line of an invalid repair record", () => {
    const path = writeOldSession("bad", [user("x")]);
    appendFileSync(path, `${JSON.stringify({ type: "repair", kind: "interrupted_tools", tool_use_ids: [], results: [], timestamp: "t" })}\n${JSON.stringify({ type: "title", title: "t" })}\n`);
    expect(() => store.open("bad")).toThrow(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: invalid repair record`));
  });
});
