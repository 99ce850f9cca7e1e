import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message, Usage } from "@axion/api";
import { estimateCost } from "@axion/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSessionFile } from "./load-session.js";
import { SessionError } from "./session-error.js";
import { resumeSession, SessionStore } from "./session-store.js";
import { INTERRUPTED_TOOL_RESULT } from "./session-repair.js";

let workspace: string;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), "axion-session-"));
});

afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
});

const user = (text: string): Message => ({ role: "user", content: [{ type: "text", text }] });
const assistant = (text: string): Message => ({ role: "assistant", content: [{ type: "text", text }] });
const usage = (input: number, output: number): Usage => ({
  input_tokens: input,
  output_tokens: output,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
});

function expectSessionError(action: () => unknown, code: string, pattern: RegExp): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(SessionError.isInstance(caught), `expected a SessionError, got ${String(caught)}`).toBe(true);
  expect((caught as SessionError).code).toBe(code);
  expect((caught as Error).message).toMatch(pattern);
  expect((caught as Error).message).not.toContain("\n");
}

/** Sets a file's modification time, so "newest" does not depend on how fast the test runs. */
function touch(path: string, secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(path, when, when);
}

describe("SessionStore", () => {
  it("writes typed records as they happen and loads them back", () => {
    const store = new SessionStore({ cwd: workspace });
    const writer = store.create({ model: "claude-sonnet-4-6" });
    expect(writer.id).toMatch(/^[0-9a-f]{16}$/);
    expect(writer.path).toBe(join(workspace, ".axion", "sessions", `${writer.id}.jsonl`));

    writer.appendMessage(user("fix the build"));
    // visible on disk before close: nothing is buffered
    expect(readFileSync(writer.path, "utf8").trim().split("\n")).toHaveLength(2);
    const reply: Message = {
      role: "assistant",
      content: [
        { type: "text", text: "Reading it." },
        { type: "tool_use", id: "toolu_1", name: "Read", input: { file_path: "a.ts" } },
      ],
    };
    writer.appendMessage(reply, { usage: usage(1000, 500), model: "claude-sonnet-4-6" });
    writer.appendUsage({ usage: usage(1000, 500), model: "claude-sonnet-4-6", costUsd: 0.0105 });
    writer.appendMessage({ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "x = 1" }] });
    writer.appendTitle("Fix the build");
    writer.close();

    const lines = readFileSync(writer.path, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.type)).toEqual(["meta", "message", "message", "usage", "message", "title"]);
    expect(lines[0]).toMatchObject({ type: "meta", version: 1, session_id: writer.id, cwd: workspace, model: "claude-sonnet-4-6" });
    expect(lines[2]).toMatchObject({ usage: usage(1000, 500), model: "claude-sonnet-4-6" });
    expect(lines[3]).toMatchObject({ usage: usage(1000, 500), model: "claude-sonnet-4-6", cost_usd: 0.0105 });

    const loaded = store.open(writer.id);
    expect(loaded.id).toBe(writer.id);
    expect(loaded.messages).toEqual([user("fix the build"), reply, { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "x = 1" }] }]);
    expect(loaded.usage).toEqual(usage(1000, 500));
    expect(loaded.costUsd).toBeCloseTo(estimateCost(usage(1000, 500), "claude-sonnet-4-6").totalUsd, 10);
    expect(loaded.title).toBe("Fix the build");
    expect(loaded.compactions).toBe(0);
    expect(loaded.records).toHaveLength(6);
    expect(loaded.ignoredTail).toBe(false);
  });

  it("redacts every record it writes, also after a resume", () => {
    const redact = (line: string) => line.split("sk-secret-123456").join("[REDACTED]");
    const store = new SessionStore({ cwd: workspace, redact });
    const writer = store.create({ model: "m" });
    writer.appendMessage(user("env says ANTHROPIC_API_KEY=sk-secret-123456"));
    writer.close();
    const resumed = store.resume(writer.id);
    resumed.writer.appendMessage(assistant("the key is sk-secret-123456"));
    resumed.writer.close();
    const text = readFileSync(writer.path, "utf8");
    expect(text).not.toContain("sk-secret-123456");
    expect(text.match(/\[REDACTED\]/g)).toHaveLength(2);
  });

  it("creates the folder 0700 and the file 0600", () => {
    const writer = new SessionStore({ cwd: workspace }).create({ model: "m" });
    writer.close();
    expect(statSync(join(workspace, ".axion", "sessions")).mode & 0o777).toBe(0o700);
    expect(statSync(writer.path).mode & 0o777).toBe(0o600);
  });

  it("rebuilds usage and cost per model from usage records, pricing each model with its own rates", () => {
    const store = new SessionStore({ cwd: workspace });
    const writer = store.create({ model: "claude-sonnet-4-6" });
    writer.appendMessage(user("hi"));
    writer.appendMessage(assistant("a"), { usage: usage(1_000_000, 0), model: "claude-sonnet-4-6" });
    writer.appendUsage({ usage: usage(1_000_000, 0), model: "claude-sonnet-4-6" });
    writer.appendMessage(assistant("b"), { usage: usage(1_000_000, 0), model: "claude-opus-4-6" });
    writer.appendUsage({ usage: usage(1_000_000, 0), model: "claude-opus-4-6" });
    writer.close();
    const loaded = store.open(writer.id);
    // counted once per model call, not once for the message and again for the usage record
    expect(loaded.usage.input_tokens).toBe(2_000_000);
    expect(loaded.modelCalls).toBe(2);
    const expected =
      estimateCost(usage(1_000_000, 0), "claude-sonnet-4-6").totalUsd + estimateCost(usage(1_000_000, 0), "claude-opus-4-6").totalUsd;
    expect(loaded.costUsd).toBeCloseTo(expected, 10);
    expect(estimateCost(usage(1_000_000, 0), "claude-opus-4-6").totalUsd).not.toBe(
      estimateCost(usage(1_000_000, 0), "claude-sonnet-4-6").totalUsd,
    );
  });

  it("falls back to message usage when a file has no usage records", () => {
    const store = new SessionStore({ cwd: workspace });
    const writer = store.create({ model: "claude-sonnet-4-6" });
    writer.appendMessage(assistant("a"), { usage: usage(10, 5) });
    writer.appendMessage(assistant("b"), { usage: usage(20, 5), model: "claude-haiku-4-5" });
    writer.close();
    const loaded = store.open(writer.id);
    expect(loaded.usage).toEqual(usage(30, 10));
    expect(loaded.costUsd).toBeCloseTo(
      estimateCost(usage(10, 5), "claude-sonnet-4-6").totalUsd + estimateCost(usage(20, 5), "claude-haiku-4-5").totalUsd,
      12,
    );
  });

  it("replays a compaction: the summary message plus the kept tail", () => {
    const store = new SessionStore({ cwd: workspace });
    const writer = store.create({ model: "m" });
    for (let index = 0; index < 6; index += 1) writer.appendMessage(index % 2 === 0 ? user(`q${index}`) : assistant(`a${index}`));
    writer.appendCompaction({ summary: "We talked about q0..q3.", removedMessages: 4, keptMessages: 2 });
    writer.appendMessage(user("q6"));
    writer.close();
    const loaded = store.open(writer.id);
    expect(loaded.compactions).toBe(1);
    expect(loaded.messages).toHaveLength(4);
    expect(loaded.messages[0]).toEqual({
      role: "user",
      content: [{ type: "text", text: "[Session compacted. Summary of 4 earlier messages:]\nWe talked about q0..q3." }],
    });
    expect(loaded.messages.slice(1)).toEqual([user("q4"), assistant("a5"), user("q6")]);
  });

  it("ignores a torn last line", () => {
    const store = new SessionStore({ cwd: workspace });
    const writer = store.create({ model: "m" });
    writer.appendMessage(user("one"));
    writer.appendMessage(assistant("two"));
    writer.close();
    appendFileSync(writer.path, '{"type":"message","message":{"role":"user","con');
    const loaded = store.open(writer.id);
    expect(loaded.messages).toEqual([user("one"), assistant("two")]);
    expect(loaded.ignoredTail).toBe(true);
  });

  it("reports an invalid line in the middle as file:line", () => {
    const store = new SessionStore({ cwd: workspace });
    const writer = store.create({ model: "m" });
    writer.appendMessage(user("one"));
    writer.close();
    appendFileSync(writer.path, '{"type":"message","message":{"role":"robot","content":"x"},"timestamp":"t"}\n');
    appendFileSync(writer.path, `${JSON.stringify({ type: "message", message: user("three"), timestamp: "t" })}\n`);
    expectSessionError(() => store.open(writer.id), "session_invalid_record", new RegExp(`^${writer.path}:3: invalid message record: message.role`));
    writeFileSync(writer.path, `${readFileSync(writer.path, "utf8").split("\n").slice(0, 2).join("\n")}\nnot json\n{}\n`);
    expectSessionError(() => store.open(writer.id), "session_invalid_record", new RegExp(`^${writer.path}:3: invalid JSON`));
  });

  it("refuses a file whose first record is not meta", () => {
    const path = join(workspace, "stray.jsonl");
    writeFileSync(path, `${JSON.stringify({ type: "message", message: user("x"), timestamp: "t" })}\n{"type":"title","title":"t"}\n`);
    expectSessionError(() => loadSessionFile(path), "session_invalid_record", /stray\.jsonl:1: the first record must be "meta"/);
  });

  it("resolves an exact id, a unique prefix, a path and latest; an ambiguous prefix lists the matches", () => {
    const store = new SessionStore({ cwd: workspace });
    const names = ["abc111", "abc222", "def333"];
    for (const [index, id] of names.entries()) {
      const writer = store.create({ model: "m", id });
      writer.appendMessage(user(id));
      writer.close();
      touch(writer.path, 100 - index * 10);
    }
    expect(store.open("abc111").messages).toEqual([user("abc111")]);
    expect(store.open("abc1").id).toBe("abc111");
    expect(store.open("d").id).toBe("def333");
    expect(store.open("latest").id).toBe("def333");
    expect(store.open(".axion/sessions/abc222.jsonl").id).toBe("abc222");
    expect(store.open(join(workspace, ".axion", "sessions", "abc222.jsonl")).id).toBe("abc222");
    expectSessionError(() => store.open("abc"), "session_ambiguous", /"abc" is ambiguous: it matches abc111, abc222$/);
    expectSessionError(() => store.open("zzz"), "session_not_found", /no session matches "zzz"/);
    expectSessionError(() => store.open("missing/file.jsonl"), "session_not_found", /file\.jsonl: no such session file/);
    // an exact id wins over being the prefix of another id
    const longer = store.create({ model: "m", id: "abc1111" });
    longer.close();
    expect(store.open("abc111").id).toBe("abc111");
  });

  it("says so when there is no session for latest", () => {
    expectSessionError(() => new SessionStore({ cwd: workspace }).open("latest"), "session_not_found", /no sessions in/);
  });

  it("lists sessions newest first with counts, preview and model", () => {
    const store = new SessionStore({ cwd: workspace });
    const older = store.create({ model: "claude-haiku-4-5", id: "older" });
    older.appendMessage(user("  first\n question about   the parser  "));
    older.appendMessage(assistant("answer"));
    older.close();
    const newer = store.create({ model: "gpt-5", id: "newer" });
    newer.appendMessage({ role: "user", content: "x".repeat(200) });
    newer.close();
    touch(older.path, 60);
    touch(newer.path, 5);
    writeFileSync(join(store.directory, "broken.jsonl"), "garbage\n{}\n");
    touch(join(store.directory, "broken.jsonl"), 120);

    const list = store.list();
    expect(list.map((entry) => entry.id)).toEqual(["newer", "older", "broken"]);
    expect(list[0]).toMatchObject({ messageCount: 1, model: "gpt-5", preview: `${"x".repeat(79)}…` });
    expect(list[1]).toMatchObject({ messageCount: 2, model: "claude-haiku-4-5", preview: "first question about the parser" });
    expect(list[1]?.updated.getTime()).toBeLessThan(list[0]?.updated.getTime() ?? 0);
    expect(list[1]?.created).toBeInstanceOf(Date);
    expect(list[2]?.error).toMatch(/broken\.jsonl:1: invalid JSON/);
  });

  it("forks: copies the records under a new id with the parent in meta", () => {
    const store = new SessionStore({ cwd: workspace });
    const writer = store.create({ model: "claude-sonnet-4-6" });
    writer.appendMessage(user("one"));
    writer.appendMessage(assistant("two"), { usage: usage(10, 5), model: "claude-sonnet-4-6" });
    writer.appendUsage({ usage: usage(10, 5), model: "claude-sonnet-4-6" });
    writer.close();
    appendFileSync(writer.path, '{"type":"mess'); // torn tail is not copied

    const forkId = store.fork(writer.id, "experiment");
    expect(forkId).toMatch(/^[0-9a-f]{16}$/);
    expect(forkId).not.toBe(writer.id);
    const fork = store.open(forkId);
    expect(fork.meta.parent).toEqual({ session_id: writer.id, branch: "experiment" });
    expect(fork.meta.session_id).toBe(forkId);
    expect(fork.messages).toEqual([user("one"), assistant("two")]);
    expect(fork.usage).toEqual(usage(10, 5));
    expect(fork.ignoredTail).toBe(false);

    const named = store.fork(writer.id, undefined, { id: "my-branch.v2" });
    expect(named).toBe("my-branch.v2");
    expect(store.open("my-branch.v2").meta.parent).toEqual({ session_id: writer.id });
    expectSessionError(() => store.fork(writer.id, undefined, { id: "../escape" }), "session_invalid_name", /invalid session name/);
    expectSessionError(() => store.fork(writer.id, undefined, { id: "my-branch.v2" }), "session_exists", /exists/);
    // the source is untouched and keeps loading
    expect(store.open(writer.id).messages).toHaveLength(2);
  });

  it("renames a session; an open writer keeps appending to it", () => {
    const store = new SessionStore({ cwd: workspace });
    const writer = store.create({ model: "m" });
    const originalId = writer.id;
    writer.appendMessage(user("one"));
    const renamed = store.rename(originalId, "parser-work", writer);
    expect(renamed.path).toBe(store.pathFor("parser-work"));
    expect(writer.id).toBe("parser-work");
    writer.appendMessage(assistant("two"));
    writer.close();
    const loaded = store.open("parser-work");
    expect(loaded.id).toBe("parser-work");
    expect(loaded.meta.session_id).toBe(originalId);
    expect(loaded.messages).toEqual([user("one"), assistant("two")]);
    expectSessionError(() => store.open(originalId), "session_not_found", /no session matches/);
    expectSessionError(() => store.rename("parser-work", "latest"), "session_invalid_name", /invalid session name "latest"/);
  });

  it("deletes a session", () => {
    const store = new SessionStore({ cwd: workspace });
    const keep = store.create({ model: "m", id: "keep" });
    keep.close();
    const gone = store.create({ model: "m", id: "gone" });
    gone.close();
    expect(store.delete("gone")).toBe(gone.path);
    expect(store.list().map((entry) => entry.id)).toEqual(["keep"]);
    expectSessionError(() => store.delete("gone"), "session_not_found", /no session matches "gone"/);
  });

  it("refuses appends after close", () => {
    const writer = new SessionStore({ cwd: workspace }).create({ model: "m" });
    writer.close();
    expectSessionError(() => writer.appendMessage(user("late")), "session_closed", /closed/);
  });
});

describe("resumeSession", () => {
  it("appends to the same file after cutting a torn tail", () => {
    const store = new SessionStore({ cwd: workspace });
    const writer = store.create({ model: "m" });
    writer.appendMessage(user("one"));
    writer.close();
    appendFileSync(writer.path, '{"type":"message","mess');

    const { session, writer: resumed } = resumeSession(store, "latest");
    expect(session.messages).toEqual([user("one")]);
    expect(resumed.path).toBe(writer.path);
    resumed.appendMessage(assistant("two"));
    resumed.close();

    const reloaded = store.open(writer.id);
    expect(reloaded.messages).toEqual([user("one"), assistant("two")]);
    expect(reloaded.ignoredTail).toBe(false);
    expect(readFileSync(writer.path, "utf8").endsWith("\n")).toBe(true);
  });

  it("adds the missing newline after a complete last record", () => {
    const store = new SessionStore({ cwd: workspace });
    const writer = store.create({ model: "m" });
    writer.close();
    appendFileSync(writer.path, JSON.stringify({ type: "message", message: user("no newline"), timestamp: "t" }));
    const { writer: resumed } = resumeSession(store, writer.id);
    resumed.appendMessage(assistant("next"));
    resumed.close();
    expect(store.open(writer.id).messages).toEqual([user("no newline"), assistant("next")]);
  });
});

describe("a large session", () => {
  it("loads 10 000 messages with a compaction in between", () => {
    const store = new SessionStore({ cwd: workspace });
    const writer = store.create({ model: "claude-sonnet-4-6" });
    for (let index = 0; index < 10_000; index += 1) {
      if (index % 2 === 0) {
        writer.appendMessage(user(`question ${index}`));
      } else {
        writer.appendMessage(
          {
            role: "assistant",
            content: [
              { type: "text", text: `answer ${index}` },
              { type: "tool_use", id: `toolu_${index}`, name: "Read", input: { file_path: `src/file-${index}.ts` } },
            ],
          },
          { usage: usage(100, 10), model: "claude-sonnet-4-6" },
        );
        writer.appendUsage({ usage: usage(100, 10), model: "claude-sonnet-4-6" });
      }
      if (index === 5_999) writer.appendCompaction({ summary: "first part", removedMessages: 5_000, keptMessages: 1_001 });
    }
    writer.close();
    const loaded = store.open(writer.id);
    // every tool call was left without a result: each kept one gets an "interrupted" result on load
    expect(loaded.pendingRepairs).toHaveLength(2_500);
    expect(loaded.messages).toHaveLength(1 + 1_000 + 4_000 + 2_500);
    expect(loaded.messages[1]).toEqual(user("question 5000"));
    expect(loaded.messages[3]).toEqual({ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_5001", content: INTERRUPTED_TOOL_RESULT, is_error: true }] });
    expect(loaded.messages.at(-2)).toMatchObject({ role: "assistant" });
    expect(loaded.usage.input_tokens).toBe(5_000 * 100);
    expect(loaded.modelCalls).toBe(5_000);
  });
});
