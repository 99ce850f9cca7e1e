import type { ClientRequest, MessageResponse, ProviderClient } from "@axion/api";
import { describe, expect, it } from "vitest";
import { compactMessages } from "./compact-messages.js";
import { createModelSummarizer } from "./model-summarizer.js";

function recordingClient(reply: MessageResponse["content"] | Error): ProviderClient & { calls: { request: ClientRequest; signal: AbortSignal | undefined }[] } {
  const calls: { request: ClientRequest; signal: AbortSignal | undefined }[] = [];
  return {
    provider: "anthropic",
    model: "claude-haiku-4-5",
    calls,
    async *stream() {
      throw new Error("the summariser must not stream");
    },
    async send(request, options) {
      calls.push({ request: structuredClone(request), signal: options?.signal });
      if (reply instanceof Error) throw reply;
      return {
        id: "msg_1",
        type: "message",
        role: "assistant",
        model: "claude-haiku-4-5",
        content: reply,
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      };
    },
  };
}

describe("createModelSummarizer", () => {
  it("sends one non-streaming request with the transcript and returns the reply text", async () => {
    const client = recordingClient([
      { type: "thinking", thinking: "hmm", signature: "s" },
      { type: "text", text: "Goal: fix the parser.\n" },
      { type: "text", text: "Open: tests." },
    ]);
    const summarize = createModelSummarizer(client, "claude-haiku-4-5", 2_000);
    const signal = new AbortController().signal;
    const summary = await summarize("[user] fix the parser", signal);
    expect(summary).toBe("Goal: fix the parser.\n\nOpen: tests.");
    expect(client.calls).toHaveLength(1);
    const { request } = client.calls[0] ?? { request: undefined };
    expect(request).toMatchObject({ model: "claude-haiku-4-5", max_tokens: 2_000 });
    expect(typeof request?.system).toBe("string");
    const content = request?.messages[0]?.content;
    const text = Array.isArray(content) && content[0]?.type === "text" ? content[0].text : "";
    expect(text).toMatch(/^Summarise this conversation so the work can continue: goals, decisions, files touched, open tasks/);
    expect(text).toContain("<transcript>\n[user] fix the parser\n</transcript>");
    expect(client.calls[0]?.signal).toBe(signal);
  });

  it("lets compaction fall back to the heuristic when the request fails", async () => {
    const client = recordingClient(new Error("529 overloaded"));
    const compacted = await compactMessages(
      [
        { role: "user", content: `first ${"a".repeat(600)}` },
        { role: "assistant", content: `second ${"b".repeat(600)}` },
        { role: "user", content: "third" },
        { role: "assistant", content: "fourth" },
      ],
      { keepRecent: 2, summarize: createModelSummarizer(client, "claude-haiku-4-5", 1_000) },
    );
    expect(client.calls).toHaveLength(1);
    expect(compacted.usedModel).toBe(false);
    expect(compacted.summary).toBe(`[user] first ${"a".repeat(194)}…\n[assistant] second ${"b".repeat(93)}…`);
  });
});
