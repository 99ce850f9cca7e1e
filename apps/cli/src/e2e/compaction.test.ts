// Context overflow through the built binary against @axion/mock-llm: a resumed session larger than the model's
// window is compacted before it is sent; a provider's "prompt is too long" gets one compaction and one retry.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { runAxion, testWorkspace } from "../test-support/run-axion.js";

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());

const SESSION_ID = "0123456789abcdef";

function workspace() {
  const created = testWorkspace(mock.baseUrl, { prefix: "axion-compaction-" });
  onTestFinished(() => rmSync(dirname(created.cwd), { recursive: true, force: true }));
  return created;
}

/** Writes a session of `count` alternating messages of about `size` characters each; returns its file. */
function seedSession(cwd: string, model: string, count: number, size: number): string {
  const dir = join(cwd, ".axion", "sessions");
  mkdirSync(dir, { recursive: true });
  const now = new Date().toISOString();
  const lines = [JSON.stringify({ type: "meta", version: 1, session_id: SESSION_ID, created_at: now, cwd, model })];
  for (let index = 0; index < count; index += 1) {
    const role = index % 2 === 0 ? "user" : "assistant";
    const text = `seeded ${role} message ${index}: ${"lorem ipsum ".repeat(Math.ceil(size / 12))}`;
    lines.push(JSON.stringify({ type: "message", message: { role, content: [{ type: "text", text }] }, timestamp: now }));
  }
  const file = join(dir, `${SESSION_ID}.jsonl`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

interface SessionRecord {
  type: string;
  message?: { role: string; content: { type: string; text?: string }[] };
  removedMessages?: number;
  removed_messages?: number;
}

function records(file: string): SessionRecord[] {
  return readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as SessionRecord);
}

function promptRecords(file: string, prompt: string): SessionRecord[] {
  return records(file).filter((record) => record.type === "message" && record.message?.content.some((block) => block.text === prompt));
}

const PROMPT_TOO_LONG = {
  type: "error",
  error: { type: "invalid_request_error", message: "prompt is too long: 212345 tokens > 200000 maximum" },
};

describe("axion and the context window", () => {
  it("compacts a resumed session larger than the model's window before sending it, and says so", async () => {
    const { cwd, env } = workspace();
    // qwen2.5-coder through Ollama has a 32 768-token window; the session holds about 40 000 estimated tokens
    const file = seedSession(cwd, "ollama/qwen2.5-coder", 16, 10_000);
    mock.script([{ text: "Summary: the user and the assistant discussed lorem ipsum at length." }, { text: "continued after compaction" }]);
    const run = await runAxion(["--model", "ollama/qwen2.5-coder", "-r", SESSION_ID, "-p", "carry on"], {
      cwd,
      env: { ...env, OLLAMA_BASE_URL: mock.baseUrl },
      timeoutMs: 60_000,
    });
    expect(run.stderr).toMatch(/Conversation compacted before sending: \d+ earlier messages summarised \(the request was estimated at \d+ tokens; 16768 fit in the context window of 32768 with 16000 kept for the reply\)\./);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("continued after compaction\n");

    // one summary request (not streamed), then the turn itself with the compacted history
    expect(mock.requests.map((request) => [request.path, request.stream])).toEqual([
      ["/api/chat", false],
      ["/api/chat", true],
    ]);
    const sent = JSON.stringify(mock.requests[1]!.body);
    expect(sent).toContain("[Session compacted. Summary of");
    expect(sent).toContain("Summary: the user and the assistant discussed lorem ipsum at length.");
    expect(mock.requests[1]!.rawBody.length).toBeLessThan(16_768 * 4);

    const compactions = records(file).filter((record) => record.type === "compaction");
    expect(compactions).toHaveLength(1);
    expect(promptRecords(file, "carry on")).toHaveLength(1);
  }, 90_000);

  it("answers a provider's 'prompt is too long' with one compaction and one retry", async () => {
    const { cwd, env } = workspace();
    const file = seedSession(cwd, "claude-sonnet-4-6", 12, 3_000);
    mock.failNext({ status: 400, body: PROMPT_TOO_LONG });
    mock.script([{ text: "Summary of the seeded work." }, { text: "answered after compaction" }]);
    const run = await runAxion(["-r", SESSION_ID, "-p", "continue please"], { cwd, env, timeoutMs: 60_000 });
    expect(run.stderr).toContain(
      "Conversation compacted: the provider said the prompt does not fit the context window; 9 earlier messages summarised, sending once more.",
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("answered after compaction\n");

    // the refused request, the summary request, the retry: nothing more
    const posts = mock.requests.filter((request) => request.path === "/v1/messages");
    expect(posts.map((request) => request.stream)).toEqual([true, false, true]);
    expect(JSON.stringify(posts[0]!.body)).not.toContain("[Session compacted.");
    expect(JSON.stringify(posts[2]!.body)).toContain("[Session compacted. Summary of 9 earlier messages:]\\nSummary of the seeded work.");
    expect(posts[2]!.rawBody.length).toBeLessThan(posts[0]!.rawBody.length / 2);

    expect(records(file).filter((record) => record.type === "compaction")).toHaveLength(1);
    expect(promptRecords(file, "continue please")).toHaveLength(1);
  }, 90_000);

  it("ends the run with the provider's error when the retried request is refused again", async () => {
    const { cwd, env } = workspace();
    const file = seedSession(cwd, "claude-sonnet-4-6", 12, 3_000);
    // the turn, the summary request (the heuristic takes over) and the retry are all refused
    mock.failNext({ status: 400, body: PROMPT_TOO_LONG, times: 3 });
    const run = await runAxion(["-r", SESSION_ID, "-p", "continue please"], { cwd, env, timeoutMs: 60_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("prompt is too long");
    expect(run.stderr).toContain("does not fit the model's context window");
    expect(mock.requests.filter((request) => request.path === "/v1/messages")).toHaveLength(3);

    expect(records(file).filter((record) => record.type === "compaction")).toHaveLength(1);
    expect(promptRecords(file, "continue please")).toHaveLength(1);
  }, 90_000);
});
