import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createProviderClient, type Message } from "@axion/api";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { compactMessages } from "./compact-messages.js";
import { createModelSummarizer } from "./model-summarizer.js";

let server: MockLlmServer;
let configHome: string;

beforeAll(async () => {
  server = await startMockLlm();
  configHome = mkdtempSync(join(tmpdir(), "axion-summary-"));
});

afterAll(async () => {
  await server.close();
  rmSync(configHome, { recursive: true, force: true });
});

beforeEach(() => server.reset());

function client() {
  return createProviderClient({
    model: "claude-haiku-4-5",
    baseUrl: server.baseUrl,
    apiKey: "test-key",
    env: {},
    configHome,
    retry: { maxRetries: 0 },
  });
}

const conversation: Message[] = [
  { role: "user", content: "rename the parser module" },
  { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "Read", input: { file_path: "src/parser.ts" } }] },
  { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: `export function parse() {}\n${"// a line of the parser\n".repeat(40)}` }] },
  { role: "assistant", content: "Renamed." },
  { role: "user", content: "now the tests" },
  { role: "assistant", content: "Done." },
];

describe("createModelSummarizer against a real HTTP server", () => {
  it("compacts with the model's summary, sent as one non-streaming request", async () => {
    server.script([{ text: "Goal: rename the parser module. Files: src/parser.ts. Open: tests." }]);
    const compacted = await compactMessages(conversation, {
      keepRecent: 2,
      summarize: createModelSummarizer(client(), "claude-haiku-4-5", 1_024),
    });
    expect(compacted.usedModel).toBe(true);
    expect(compacted.summary).toBe("Goal: rename the parser module. Files: src/parser.ts. Open: tests.");
    expect(compacted.messages.slice(1)).toEqual(conversation.slice(4));
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0];
    expect(request?.stream).toBe(false);
    const body = request?.body as { model: string; max_tokens: number; system: unknown; messages: { content: { text: string }[] }[] };
    expect(body.model).toBe("claude-haiku-4-5");
    expect(body.max_tokens).toBe(1_024);
    expect(JSON.stringify(body.system)).toContain("summaries of coding sessions");
    const text = body.messages[0]?.content[0]?.text ?? "";
    expect(text).toContain('[tool call] Read {"file_path":"src/parser.ts"}');
    expect(text).toContain("[tool result Read] export function parse() {}");
  });

  it("falls back to the heuristic summary when the server fails", async () => {
    server.failNext({ status: 500 });
    const compacted = await compactMessages(conversation, {
      keepRecent: 2,
      summarize: createModelSummarizer(client(), "claude-haiku-4-5", 1_024),
    });
    expect(server.requests).toHaveLength(1);
    expect(compacted.usedModel).toBe(false);
    expect(compacted.summary.split("\n")[0]).toBe("[user] rename the parser module");
  });
});
