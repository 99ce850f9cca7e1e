import type { ContentBlock, Message } from "@axion/api";
import { describe, expect, it } from "vitest";
import { compactMessages, type Summarizer } from "./compact-messages.js";
import { estimateTokens } from "./estimate-tokens.js";

const user = (text: string): Message => ({ role: "user", content: [{ type: "text", text }] });
const assistant = (text: string): Message => ({ role: "assistant", content: [{ type: "text", text }] });
const call = (id: string, text = ""): Message => ({
  role: "assistant",
  content: [
    ...(text ? [{ type: "text", text } as ContentBlock] : []),
    { type: "tool_use", id, name: "Read", input: { file_path: `${id}.ts` } },
  ],
});
const result = (id: string, content = `contents of ${id}`, isError = false): Message => ({
  role: "user",
  content: [{ type: "tool_result", tool_use_id: id, content, ...(isError ? { is_error: true } : {}) }],
});

/** Every tool_result in `messages` has its tool_use earlier in `messages`. */
function orphanedResults(messages: readonly Message[]): string[] {
  const calls = new Set<string>();
  const orphans: string[] = [];
  for (const message of messages) {
    if (typeof message.content === "string") continue;
    for (const block of message.content) {
      if (block.type === "tool_use") calls.add(block.id);
      if (block.type === "tool_result" && !calls.has(block.tool_use_id)) orphans.push(block.tool_use_id);
    }
  }
  return orphans;
}

function textOf(message: Message | undefined): string {
  if (!message) return "";
  if (typeof message.content === "string") return message.content;
  return message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
}

describe("compactMessages", () => {
  it("never leaves a tool result without its tool call, whatever keepRecent is", async () => {
    const messages: Message[] = [user("start")];
    for (let index = 0; index < 12; index += 1) messages.push(call(`t${index}`), result(`t${index}`));
    messages.push(assistant("done"));
    for (let keepRecent = 0; keepRecent <= messages.length; keepRecent += 1) {
      const compacted = await compactMessages(messages, { keepRecent });
      expect(orphanedResults(compacted.messages), `keepRecent ${keepRecent}`).toEqual([]);
      expect(compacted.removedMessages + compacted.messages.length - (compacted.removedMessages > 0 ? 1 : 0)).toBe(messages.length);
    }
  });

  it("moves the cut before a tool call whose result would be kept", async () => {
    // with keepRecent 2 the plain cut would keep [result(b), assistant] and orphan result b
    const long = "l".repeat(800);
    const messages = [user(`q1 ${long}`), assistant(`a1 ${long}`), user("q2"), call("a"), result("a", `a ${long.repeat(3)}`), call("b"), result("b"), assistant("end")];
    const compacted = await compactMessages(messages, { keepRecent: 2 });
    expect(compacted.removedMessages).toBeGreaterThan(0);
    expect(orphanedResults(compacted.messages)).toEqual([]);
    expect(compacted.messages.slice(1)).toEqual(messages.slice(messages.length - compacted.messages.length + 1));
    expect(compacted.messages[1]).toEqual(call("b"));
  });

  it("keeps the last user turn verbatim when it is a small part of the conversation", async () => {
    const big = "x".repeat(4_000);
    const messages = [user(`old ${big}`), assistant(`old answer ${big}`), user(`older ${big}`), assistant(big), user("now fix the parser"), call("p"), result("p"), call("q"), result("q"), assistant("fixed")];
    const compacted = await compactMessages(messages, { keepRecent: 2 });
    expect(compacted.removedMessages).toBe(4);
    expect(compacted.messages.slice(1)).toEqual(messages.slice(4));
    expect(compacted.messages[1]).toEqual(user("now fix the parser"));
  });

  it("carries the request verbatim in the summary when the last turn is most of the conversation", async () => {
    const messages: Message[] = [user("q0"), assistant("a0"), user("refactor the session store, keep the API")];
    for (let index = 0; index < 10; index += 1) messages.push(call(`t${index}`), result(`t${index}`, "y".repeat(2_000)));
    const compacted = await compactMessages(messages, { keepRecent: 4 });
    expect(compacted.messages).toHaveLength(5);
    expect(compacted.removedMessages).toBe(messages.length - 4);
    expect(compacted.summary).toContain("The user's latest request, verbatim:\nrefactor the session store, keep the API");
    expect(estimateTokens(compacted.messages)).toBeLessThan(estimateTokens(messages) / 2);
  });

  it("builds the summary message and hands the summariser a plain-text transcript", async () => {
    const seen: string[] = [];
    const summarize: Summarizer = async (transcript) => {
      seen.push(transcript);
      return "  The user wants the parser fixed; a.ts was read.  ";
    };
    const longText = "z".repeat(5_000);
    const messages = [user("fix the parser"), call("a", "Let me look."), result("a", "const a = 1;"), assistant(longText), user("thanks"), assistant("welcome")];
    const compacted = await compactMessages(messages, { keepRecent: 2, summarize });
    expect(compacted.usedModel).toBe(true);
    expect(compacted.summary).toBe("The user wants the parser fixed; a.ts was read.");
    expect(compacted.removedMessages).toBe(4);
    expect(compacted.messages[0]).toEqual({
      role: "user",
      content: [{ type: "text", text: "[Session compacted. Summary of 4 earlier messages:]\nThe user wants the parser fixed; a.ts was read." }],
    });
    expect(compacted.messages.slice(1)).toEqual([user("thanks"), assistant("welcome")]);
    const transcript = seen[0] ?? "";
    expect(transcript).toContain("[user] fix the parser");
    expect(transcript).toContain('[tool call] Read {"file_path":"a.ts"}');
    expect(transcript).toContain("[tool result Read] const a = 1;");
    expect(transcript).toContain(`[assistant] ${"z".repeat(2_000)}…`);
    expect(transcript).not.toContain("z".repeat(2_001));
  });

  it("falls back to the heuristic summary when the summariser fails or returns nothing", async () => {
    const messages = [
      user(`first question ${"q".repeat(1_000)}`),
      assistant(`first answer\nwith two lines ${"a".repeat(1_000)}`),
      call("a"),
      result("a", "boom ".repeat(200), true),
      user("second"),
      assistant("ok"),
    ];
    for (const summarize of [async () => Promise.reject(new Error("overloaded")), async () => "   "]) {
      const compacted = await compactMessages(messages, { keepRecent: 2, summarize });
      expect(compacted.usedModel).toBe(false);
      // prompts keep 200 characters, everything else 100
      expect(compacted.summary.split("\n")).toEqual([
        `[user] first question ${"q".repeat(185)}…`,
        `[assistant] first answer with two lines ${"a".repeat(72)}…`,
        '[assistant] tool call Read {"file_path":"a.ts"}',
        `[user] Read result error: ${"boom ".repeat(16)}b…`,
      ]);
    }
  });

  it("caps the heuristic summary at 8 000 characters, keeping the first and the latest messages", async () => {
    const messages: Message[] = [];
    for (let index = 0; index < 100; index += 1) messages.push(user(`u${index} ${"w".repeat(500)}`), assistant(`a${index}`));
    messages.push(user("last"), assistant("end"));
    const compacted = await compactMessages(messages, { keepRecent: 2 });
    expect(compacted.summary.length).toBeLessThanOrEqual(8_000);
    const lines = compacted.summary.split("\n");
    expect(lines[0]).toBe(`[user] u0 ${"w".repeat(57)}…`);
    expect(lines.filter((line) => /^\[… \d+ messages omitted …\]$/.test(line))).toHaveLength(1);
    expect(lines.at(-1)).toBe("[assistant] a99");
  });

  it("gives a short history a short heuristic summary, not a copy of it", async () => {
    const messages: Message[] = [];
    for (let index = 0; index < 6; index += 1) messages.push(user(`question ${index} ${"x".repeat(400)}`), assistant(`answer ${index} ${"y".repeat(400)}`));
    const compacted = await compactMessages(messages, { keepRecent: 2 });
    expect(compacted.removedMessages).toBe(10);
    const removedCharacters = estimateTokens(messages.slice(0, 10)) * 4;
    expect(compacted.summary.length).toBeLessThanOrEqual(Math.ceil(removedCharacters / 3));
    expect(compacted.summary.split("\n")[0]).toMatch(/^\[user\] question 0 x+…$/);
    expect(estimateTokens(compacted.messages)).toBeLessThan(estimateTokens(messages) / 2);
  });

  it("does not apply a compaction that would not make the conversation smaller", async () => {
    const messages = [user("hi"), assistant("hello"), user("bye"), assistant("ok"), user("more"), assistant("sure")];
    for (const summarize of [undefined, async () => "A much longer summary than the few words it replaces, which helps nobody at all."]) {
      const compacted = await compactMessages(messages, { keepRecent: 2, summarize });
      expect(compacted.removedMessages).toBe(0);
      expect(compacted.messages).toEqual(messages);
      expect(compacted.notSmaller?.afterTokens).toBeGreaterThanOrEqual(compacted.notSmaller?.beforeTokens ?? Infinity);
      expect(compacted.notSmaller?.beforeTokens).toBe(estimateTokens(messages));
    }
  });

  it("changes nothing when there is nothing older than what must be kept", async () => {
    const messages = [user("only question"), call("a"), result("a"), assistant("answer")];
    const compacted = await compactMessages(messages, { keepRecent: 4 });
    expect(compacted).toEqual({ messages, removedMessages: 0, summary: "", usedModel: false });
    // an earlier summary alone is not worth summarising again
    const summarised = await compactMessages(compacted.messages.length ? [user("[Session compacted. Summary of 9 earlier messages:]\nx"), ...messages] : [], { keepRecent: 4 });
    expect(summarised.removedMessages).toBe(0);
  });

  it("rejects with the abort reason instead of falling back when aborted", async () => {
    const controller = new AbortController();
    const summarize: Summarizer = (_transcript, signal) =>
      new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(new Error("request aborted"))));
    const messages = [user("a"), assistant("b"), user("c"), assistant("d"), user("e"), assistant("f")];
    const pending = compactMessages(messages, { keepRecent: 2, summarize, signal: controller.signal });
    controller.abort(new Error("user pressed Ctrl-C"));
    await expect(pending).rejects.toThrow("user pressed Ctrl-C");
  });

  it("feeds back into itself: a second compaction summarises the first summary too", async () => {
    const long = "n".repeat(900);
    const first = await compactMessages([user(`a ${long}`), assistant(`b ${long}`), user("c"), assistant("d")], { keepRecent: 2 });
    expect(first.removedMessages).toBe(2);
    const second = await compactMessages([...first.messages, user(`e ${long}`), assistant(`f ${long}`), user("g"), assistant("h")], { keepRecent: 2 });
    expect(second.removedMessages).toBe(5);
    expect(textOf(second.messages[0])).toContain("[user] [Session compacted. Summary of 2 earlier messages:]");
  });
});

describe("estimateTokens", () => {
  it("counts text and tool JSON by four characters, images as 1 500", () => {
    const messages: Message[] = [
      { role: "user", content: "abcd".repeat(10) },
      { role: "assistant", content: [{ type: "tool_use", id: "t", name: "Read", input: { a: 1 } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "t", content: [{ type: "json", value: { ok: true } }] }] },
      { role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "A".repeat(100_000) } }] },
    ];
    const characters = 40 + "Read".length + '{"a":1}'.length + '{"ok":true}'.length;
    expect(estimateTokens(messages)).toBe(Math.ceil(characters / 4) + 1_500);
  });
});
