import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ContextWindowExceededError, type ClientRequest, type Message, type ProviderClient } from "@axion/api";
import { afterEach, describe, expect, it } from "vitest";
import { compactMessages } from "../compaction/compact-messages.js";
import { estimateTokens } from "../compaction/estimate-tokens.js";
import { scriptedClient, type ScriptedReply } from "../test-support/scripted-client.js";
import type { AgentEvent } from "./agent-events.js";
import { runAgentTurn, type AgentTurnOptions, type TranscriptWriter } from "./agent-loop.js";
import { ToolDispatcher } from "./tool-dispatcher.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const tooLong = (): ContextWindowExceededError =>
  new ContextWindowExceededError("anthropic: 400 invalid_request_error: prompt is too long: 210000 tokens > 200000 maximum", {
    provider: "anthropic",
    status: 400,
  });

/** A scripted client whose queue may hold errors thrown before any stream event, the way an HTTP 400 arrives. */
function clientWith(steps: (ScriptedReply | Error)[]): ProviderClient & { requests: ClientRequest[] } {
  const replies = scriptedClient(steps.filter((step): step is ScriptedReply => !(step instanceof Error)));
  const requests: ClientRequest[] = [];
  const queue = [...steps];
  return {
    provider: "anthropic",
    model: replies.model,
    requests,
    send: replies.send,
    async *stream(request, options) {
      requests.push(structuredClone(request));
      const step = queue.shift();
      if (step instanceof Error) throw step;
      yield* replies.stream(request, options);
    },
  };
}

/** A history of `pairs` prompts and replies of about `size` characters each. */
function history(pairs: number, size: number): Message[] {
  const messages: Message[] = [];
  for (let index = 0; index < pairs; index += 1) {
    messages.push({ role: "user", content: [{ type: "text", text: `question ${index} ${"q".repeat(size)}` }] });
    messages.push({ role: "assistant", content: [{ type: "text", text: `answer ${index} ${"a".repeat(size)}` }] });
  }
  return messages;
}

function setup(steps: (ScriptedReply | Error)[], seeded: Message[], autoCompact: Partial<NonNullable<AgentTurnOptions["autoCompact"]>> | undefined) {
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), "axion-loop-compact-")));
  folders.push(cwd);
  const client = clientWith(steps);
  const registry = { list: () => [], get: () => undefined };
  const dispatcher = new ToolDispatcher({
    tools: registry,
    permissions: { check: async () => ({ allowed: true, reason: "" }) },
    cwd,
    permissionMode: () => "workspace-write",
    createContext: () => {
      throw new Error("no tools in these tests");
    },
  });
  const events: AgentEvent[] = [];
  const records: { type: string; role?: string; text?: string; removedMessages?: number }[] = [];
  const transcript: TranscriptWriter = {
    appendMessage: (message) =>
      records.push({
        type: "message",
        role: message.role,
        text: typeof message.content === "string" ? message.content : message.content.map((block) => (block.type === "text" ? block.text : "")).join(""),
      }),
    appendCompaction: (record) => records.push({ type: "compaction", removedMessages: record.removedMessages }),
  };
  const messages: Message[] = [...seeded];
  let compactCalls = 0;
  const options: AgentTurnOptions = {
    client,
    systemPrompt: "system",
    tools: registry,
    dispatcher,
    messages,
    transcript,
    maxTokens: 1_000,
    onEvent: (event) => events.push(event),
    ...(autoCompact
      ? {
          autoCompact: {
            threshold: 1_000_000,
            compact: async (current: Message[], signal: AbortSignal) => {
              compactCalls += 1;
              const outcome = await compactMessages(current, { keepRecent: 2, signal });
              return outcome.removedMessages > 0 ? outcome : undefined;
            },
            ...autoCompact,
          },
        }
      : {}),
  };
  return { client, options, events, records, messages, compactions: () => compactCalls };
}

const compactionEvents = (events: AgentEvent[]) => events.filter((event): event is Extract<AgentEvent, { type: "compaction" }> => event.type === "compaction");

describe("runAgentTurn and the context window", () => {
  it("compacts a history that would not fit before sending it, and says so", async () => {
    // about 6 000 estimated tokens against a window of 4 000 with 1 000 kept for the reply
    const seeded = history(6, 2_000);
    const { client, options, events, records, messages } = setup([{ text: ["Fine."] }], seeded, { contextWindow: 4_000 });
    const result = await runAgentTurn(options, "go on");
    expect(result.stopReason).toBe("end_turn");
    expect(client.requests).toHaveLength(1);
    const sent = client.requests[0]!.messages;
    expect(estimateTokens(sent)).toBeLessThan(3_000);
    expect(JSON.stringify(sent[0])).toContain("[Session compacted. Summary of 11 earlier messages:]");
    expect(sent.at(-1)).toEqual({ role: "user", content: [{ type: "text", text: "go on" }] });
    const [compaction, ...more] = compactionEvents(events);
    expect(more).toEqual([]);
    expect(compaction?.removedMessages).toBe(11);
    expect(compaction?.notice).toMatch(/^Conversation compacted before sending: 11 earlier messages summarised \(the request was estimated at \d+ tokens; 3000 fit in the context window of 4000 with 1000 kept for the reply\)\.$/);
    expect(result.autoCompaction?.removed_messages).toBe(11);
    expect(records.map((record) => `${record.type}:${record.role ?? record.removedMessages}`)).toEqual(["message:user", "compaction:11", "message:assistant"]);
    expect(messages).toHaveLength(4);
  });

  it("sends a history that fits without compacting it", async () => {
    const seeded = history(2, 500);
    const { client, options, events } = setup([{ text: ["Fine."] }], seeded, { contextWindow: 4_000 });
    await runAgentTurn(options, "go on");
    expect(client.requests[0]!.messages).toHaveLength(5);
    expect(compactionEvents(events)).toEqual([]);
  });

  it("meets a context-window error with exactly one compaction and one retry of that call", async () => {
    const seeded = history(6, 2_000);
    const { client, options, events, records, messages, compactions } = setup([tooLong(), { text: ["Recovered."] }], seeded, {});
    const result = await runAgentTurn(options, "go on");
    expect(result.stopReason).toBe("end_turn");
    expect(result.message).toBe("Recovered.");
    expect(result.iterations).toBe(1);
    expect(compactions()).toBe(1);
    expect(client.requests).toHaveLength(2);
    expect(client.requests[0]!.messages).toHaveLength(13);
    expect(client.requests[1]!.messages).toHaveLength(3);
    expect(estimateTokens(client.requests[1]!.messages)).toBeLessThan(estimateTokens(client.requests[0]!.messages) / 4);
    const notices = compactionEvents(events).map((event) => event.notice);
    expect(notices).toEqual([
      "Conversation compacted: the provider said the prompt does not fit the context window; 11 earlier messages summarised, sending once more.",
    ]);
    // the prompt is recorded once, the compaction once
    expect(records.map((record) => `${record.type}:${record.role ?? record.removedMessages}`)).toEqual(["message:user", "compaction:11", "message:assistant"]);
    expect(records.filter((record) => record.text === "go on")).toHaveLength(1);
    expect(messages.filter((message) => JSON.stringify(message.content).includes('"go on"'))).toHaveLength(1);
  });

  it("ends the turn with the error when the retried call overflows again", async () => {
    const seeded = history(6, 2_000);
    const { client, options, records, compactions } = setup([tooLong(), tooLong(), { text: ["never sent"] }], seeded, {});
    const failure = await runAgentTurn(options, "go on").then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(ContextWindowExceededError.isInstance(failure)).toBe(true);
    expect(client.requests).toHaveLength(2);
    expect(compactions()).toBe(1);
    expect(records.map((record) => `${record.type}:${record.role ?? record.removedMessages}`)).toEqual(["message:user", "compaction:11"]);
  });

  it("ends the turn at once when there is nothing to compact or no auto-compaction", async () => {
    const small = setup([tooLong(), { text: ["never sent"] }], [], {});
    await expect(runAgentTurn(small.options, "hello")).rejects.toThrow("prompt is too long");
    expect(small.client.requests).toHaveLength(1);
    expect(small.records.map((record) => record.type)).toEqual(["message"]);

    const plain = setup([tooLong(), { text: ["never sent"] }], history(6, 2_000), undefined);
    await expect(runAgentTurn(plain.options, "hello")).rejects.toThrow("prompt is too long");
    expect(plain.client.requests).toHaveLength(1);
  });
});
