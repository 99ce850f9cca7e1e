// Provider faults through the built binary against @axion/mock-llm: a stream cut before any content is retried and
// the run succeeds; a long retry-after wait prints one line; errors and timeouts are one line a person can act on.
import { rmSync } from "node:fs";
import { dirname } from "node:path";
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

function workspace() {
  const created = testWorkspace(mock.baseUrl, { prefix: "axion-faults-" });
  onTestFinished(() => rmSync(dirname(created.cwd), { recursive: true, force: true }));
  return created;
}

describe("axion against provider faults", () => {
  it("retries a stream cut right after message_start and finishes the run", async () => {
    const { cwd, env } = workspace();
    // message_start whole, then half of the next frame and a destroyed socket
    mock.cutNextStream({ kind: "cut", afterEvents: 1 });
    mock.script([{ text: "never shown" }, { text: ["recovered ", "answer"] }]);
    const run = await runAxion(["-p", "hi"], { cwd, env });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("recovered answer\n");
    expect(mock.requests).toHaveLength(2);
  });

  it("prints one stderr line for a retry-after wait longer than 2 s, then succeeds", async () => {
    const { cwd, env } = workspace();
    mock.failNext({ status: 529, headers: { "retry-after": "3" } });
    mock.script([{ text: "after the wait" }]);
    const started = Date.now();
    const run = await runAxion(["-p", "hi"], { cwd, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("after the wait\n");
    expect(run.stderr).toBe("axion: provider busy (529 overloaded_error); retrying in 3 s (attempt 2 of 3)\n");
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  });

  it("reports each retry as a system/retry line in stream-json, and short waits stay off stderr", async () => {
    const { cwd, env } = workspace();
    mock.failNext({ status: 429, headers: { "retry-after": "0.2" } });
    mock.script([{ text: "ok" }]);
    const run = await runAxion(["--output-format", "stream-json", "-p", "hi"], { cwd, env });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const events = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    const init = events.find((event) => event["subtype"] === "init");
    const retries = events.filter((event) => event["subtype"] === "retry");
    expect(retries).toEqual([
      {
        type: "system",
        subtype: "retry",
        session_id: init?.["session_id"],
        provider: "anthropic",
        attempt: 2,
        max_attempts: 3,
        wait_ms: 200,
        reason: "rate limited (429 rate_limit_error)",
        status: 429,
        error_type: "rate_limit_error",
        request_id: "req_mock_1",
      },
    ]);
    expect(events.at(-1)).toMatchObject({ type: "result", message: "ok" });
  });

  it("says what arrived when a 200 is an HTML page, in one line", async () => {
    const { cwd, env } = workspace();
    mock.failNext({ status: 200, rawBody: "<!DOCTYPE html>\n<html><body>Please sign in to the proxy</body></html>" });
    const run = await runAxion(["-p", "hi"], { cwd, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "axion: anthropic: expected an event stream, got 200 text/html: <!DOCTYPE html> <html><body>Please sign in to the proxy</body></html> (request req_mock_1)\n",
    );
    expect(mock.requests).toHaveLength(1);
  });

  it("names status, error type and request id when the retries run out", async () => {
    const { cwd, env } = workspace();
    mock.failNext({ status: 529, times: 3 });
    const run = await runAxion(["-p", "hi"], { cwd, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "axion: anthropic: 529 overloaded_error: mock-llm: scripted failure with status 529 (request req_mock_3); the provider is overloaded, try again shortly (gave up after 3 attempts)\n",
    );
  });

  it("ends a ping-only stream at AXION_REQUEST_TIMEOUT_MS", async () => {
    const { cwd, env } = workspace();
    mock.cutNextStream({ kind: "pings", afterEvents: 1, intervalMs: 20 });
    const started = Date.now();
    const run = await runAxion(["-p", "hi"], { cwd, env: { ...env, AXION_REQUEST_TIMEOUT_MS: "1500" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^axion: anthropic: the reply did not start \(received no content \(only \d+ pings\)\) within the request timeout of 1\.5 s \(request req_mock_1\); raise requestTimeoutMs \(AXION_REQUEST_TIMEOUT_MS\) for longer replies\n$/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
