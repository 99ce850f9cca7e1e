// `axion session list` and `axion session show` give one message count, also after a compaction (built binary).
import { appendFileSync, readFileSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { runAxion, testWorkspace } from "../test-support/run-axion.js";

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});

interface ListedSession {
  id: string;
  path: string;
  messageCount: number;
  messagesInContext: number;
  compactions: number;
}

async function listed(cwd: string, env: Record<string, string>): Promise<{ json: ListedSession; table: string }> {
  const json = JSON.parse((await runAxion(["session", "list", "--output-format", "json"], { cwd, env })).stdout) as { sessions: ListedSession[] };
  const table = (await runAxion(["session", "list"], { cwd, env })).stdout;
  return { json: json.sessions[0]!, table };
}

describe("session message count", () => {
  it("is the same in session list and session show, with the count in context after a compaction", async () => {
    const { cwd, env } = testWorkspace(mock.baseUrl, { prefix: "axion-count-" });
    onTestFinished(() => rmSync(dirname(cwd), { recursive: true, force: true }));
    mock.reset();
    mock.script([{ text: ["one"] }, { text: ["two"] }, { text: ["three"] }]);
    const first = JSON.parse((await runAxion(["--output-format", "json", "-p", "first"], { cwd, env })).stdout) as { session_id: string };
    for (const prompt of ["second", "third"]) expect((await runAxion(["-c", "-p", prompt], { cwd, env })).code).toBe(0);

    const before = await listed(cwd, env);
    expect(before.json).toMatchObject({ id: first.session_id, messageCount: 6, messagesInContext: 6, compactions: 0 });
    expect(before.table).toMatch(new RegExp(`${first.session_id}\\s+\\S+ \\S+\\s+6\\s`));
    expect((await runAxion(["session", "show", first.session_id], { cwd, env })).stdout).toContain("- Messages: 6\n");

    // a compaction of the first two turns, as a compacting build records it: 4 messages become one summary
    appendFileSync(
      before.json.path,
      `${JSON.stringify({ type: "compaction", summary: "The person said first and second.", removed_messages: 4, kept_messages: 3, timestamp: new Date().toISOString() })}\n`,
    );
    const after = await listed(cwd, env);
    expect(after.json).toMatchObject({ messageCount: 6, messagesInContext: 3, compactions: 1 });
    expect(after.table).toContain("6 (3 after compaction)");
    const shown = (await runAxion(["session", "show", first.session_id], { cwd, env })).stdout;
    expect(shown).toContain("- Messages: 6 (3 after compaction)\n");
    expect(shown).toContain("- Compactions: 1");

    // the next turn adds two messages to both counts
    mock.script([{ text: ["four"] }]);
    expect((await runAxion(["-c", "-p", "fourth"], { cwd, env })).code).toBe(0);
    const resumed = await listed(cwd, env);
    expect(resumed.json).toMatchObject({ messageCount: 8, messagesInContext: 5, compactions: 1 });
    expect(resumed.table).toContain("8 (5 after compaction)");
    expect((await runAxion(["session", "show", first.session_id], { cwd, env })).stdout).toContain("- Messages: 8 (5 after compaction)\n");
    expect(readFileSync(before.json.path, "utf8").split("\n").filter((line) => line.includes('"type":"message"'))).toHaveLength(8);
  }, 90_000);
});
