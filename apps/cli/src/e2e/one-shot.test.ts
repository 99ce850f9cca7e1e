// The one-shot CLI driven as a user would: the built binary, a cleared environment, @axion/mock-llm.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AXION_BIN, runAxion, testWorkspace } from "../test-support/run-axion.js";

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());

const workspace = () => testWorkspace(mock.baseUrl, { prefix: "axion-oneshot-" });

function sessionFiles(cwd: string): string[] {
  try {
    return readdirSync(join(cwd, ".axion", "sessions"));
  } catch {
    return [];
  }
}

describe("axion one-shot", () => {
  it("streams the answer to stdout in text mode and shows tool calls on stderr only", async () => {
    const { cwd, env } = workspace();
    writeFileSync(join(cwd, "notes.txt"), "first line\n");
    mock.script([
      { toolCalls: [{ id: "toolu_1", name: "Read", input: { file_path: "notes.txt" } }] },
      { text: ["The file says ", "first line."] },
    ]);
    const run = await runAxion(["-p", "what does notes.txt say?"], { cwd, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("The file says first line.\n");
    expect(run.stderr).toContain("● Read(notes.txt)");
    expect(run.stderr).toContain("⎿ 1\tfirst line");
  });

  it("accepts the prompt as `axion prompt`, a bare positional, and on stdin", async () => {
    const { cwd, env } = workspace();
    mock.script([{ text: ["one"] }, { text: ["two"] }, { text: ["three"] }]);
    expect((await runAxion(["prompt", "say", "one"], { cwd, env })).stdout).toBe("one\n");
    expect((await runAxion(["say two"], { cwd, env })).stdout).toBe("two\n");
    expect((await runAxion([], { cwd, env, stdin: "say three\n" })).stdout).toBe("three\n");
    const prompts = mock.requests.map((request) => JSON.stringify((request.body as { messages: unknown[] }).messages[0]));
    expect(prompts[0]).toContain("say one");
    expect(prompts[2]).toContain("say three");
  });

  it("prints one JSON event per line with stream-json, ending with the result", async () => {
    const { cwd, env } = workspace();
    mock.script([{ text: ["hello ", "world"] }]);
    const run = await runAxion(["--output-format", "stream-json", "-p", "hi"], { cwd, env });
    expect(run.code).toBe(0);
    const events = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as { type: string; text?: string; message?: string });
    expect(events[0]!.type).toBe("system");
    expect(events.filter((event) => event.type === "text_delta").map((event) => event.text).join("")).toBe("hello world");
    expect(events.at(-1)).toMatchObject({ type: "result", message: "hello world" });
  });

  it("writes the session as it goes and continues it with --continue and --resume", async () => {
    const { cwd, env } = workspace();
    mock.script([{ text: ["first answer"] }, { text: ["second answer"] }, { text: ["third answer"] }]);
    const first = JSON.parse((await runAxion(["--output-format", "json", "-p", "remember 42"], { cwd, env })).stdout) as { session_id: string };
    const second = JSON.parse((await runAxion(["--output-format", "json", "-c", "-p", "what number?"], { cwd, env })).stdout) as { session_id: string };
    expect(second.session_id).toBe(first.session_id);
    const third = JSON.parse((await runAxion(["--output-format", "json", "--resume", first.session_id.slice(0, 6), "-p", "again"], { cwd, env })).stdout) as { session_id: string };
    expect(third.session_id).toBe(first.session_id);
    const sent = mock.requests[2]!.body as { messages: { role: string }[] };
    expect(sent.messages.map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant", "user"]);
    expect(sessionFiles(cwd)).toEqual([`${first.session_id}.jsonl`]);
    const records = readFileSync(join(cwd, ".axion", "sessions", `${first.session_id}.jsonl`), "utf8").trim().split("\n");
    expect(records.length).toBeGreaterThanOrEqual(7);
  });

  it("reports a provider error as one line, with {error} on stdout in json mode, exit 1", async () => {
    const { cwd, env } = workspace();
    mock.failNext({ status: 401, body: { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } } });
    const run = await runAxion(["--output-format", "json", "-p", "hi"], { cwd, env });
    expect(run.code).toBe(1);
    const body = JSON.parse(run.stdout) as { error: string };
    expect(body.error).toContain("invalid x-api-key");
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^axion: /);
    expect(run.stderr).not.toContain("test-key");
  });

  it("stops at --max-turns and --max-cost with a clear message", async () => {
    const { cwd, env } = workspace();
    const call = (id: string) => ({ toolCalls: [{ id, name: "Glob", input: { pattern: `*.${id}` } }], usage: { input_tokens: 100_000, output_tokens: 10_000 } });
    mock.script([call("a"), call("b"), call("c")]);
    const turns = await runAxion(["--max-turns", "2", "-p", "loop"], { cwd, env });
    expect(turns.code).toBe(1);
    expect(turns.stderr).toContain("Stopped after 2 model calls (--max-turns 2).");

    mock.reset();
    mock.script([call("d"), call("e"), call("f")]);
    const cost = await runAxion(["--max-cost", "0.2", "--output-format", "json", "-p", "loop"], { cwd, env });
    expect(cost.code).toBe(1);
    expect(cost.stderr).toContain("cost limit of $0.2000");
    const json = JSON.parse(cost.stdout) as { iterations: number; stop_reason: string };
    expect(json.stop_reason).toBe("max_cost");
    expect(json.iterations).toBe(1);
  });

  it("names the file and key of an invalid settings file", async () => {
    const { cwd, env } = workspace();
    mkdirSync(join(cwd, ".axion"));
    writeFileSync(join(cwd, ".axion", "settings.json"), JSON.stringify({ permissions: { defaultMode: "sometimes" } }));
    const run = await runAxion(["-p", "hi"], { cwd, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(join(cwd, ".axion", "settings.json"));
    expect(run.stderr).toContain("permissions.defaultMode");
    expect(mock.requests).toHaveLength(0);
  });

  it("says how to configure a provider when there are no credentials", async () => {
    const { cwd, env } = workspace();
    const bare = { ...env };
    delete bare["ANTHROPIC_API_KEY"];
    delete bare["ANTHROPIC_BASE_URL"];
    bare["OLLAMA_BASE_URL"] = "http://127.0.0.1:9";
    const run = await runAxion(["-p", "hi"], { cwd, env: bare });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("ANTHROPIC_API_KEY");
    expect(run.stderr).toContain("OPENAI_API_KEY");
    expect(run.stderr).toContain("ollama");
  });

  it("uses a live local Ollama when no key is configured", async () => {
    const { cwd, env } = workspace();
    const bare: Record<string, string> = { ...env, OLLAMA_BASE_URL: mock.baseUrl };
    delete bare["ANTHROPIC_API_KEY"];
    delete bare["ANTHROPIC_BASE_URL"];
    mock.script([{ text: ["local answer"] }]);
    const run = await runAxion(["--output-format", "json", "-p", "hi"], { cwd, env: bare });
    expect(run.code).toBe(0);
    expect(mock.requests.some((request) => request.path === "/api/tags")).toBe(true);
    expect(mock.requests.at(-1)!.path).toBe("/api/chat");
    expect((JSON.parse(run.stdout) as { message: string }).message).toBe("local answer");
  });

  it("exits 130 on Ctrl-C during a slow stream and keeps the session consistent", async () => {
    const { cwd, env } = workspace();
    mock.script([{ text: ["partial ", "answer ", "never finished"], chunkDelayMs: 4_000 }]);
    const child = spawn(process.execPath, [AXION_BIN, "-p", "slow please"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (stdout.includes("partial")) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(130);
    const [file] = sessionFiles(cwd);
    const records = readFileSync(join(cwd, ".axion", "sessions", file!), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { type: string; message?: { role: string; content: { text?: string }[] } });
    const messages = records.filter((record) => record.type === "message");
    expect(messages.map((record) => record.message!.role)).toEqual(["user", "assistant"]);
    expect(messages[1]!.message!.content[0]!.text).toContain("[interrupted]");
  });
});

describe("axion system-prompt", () => {
  it("prints the prompt with instruction files from the filesystem root down to cwd", async () => {
    const { cwd, env } = workspace();
    writeFileSync(join(cwd, "AXION.md"), "Always run the linter before committing.\n");
    mkdirSync(join(cwd, ".claude"));
    writeFileSync(join(cwd, ".claude", "CLAUDE.md"), "Prefer small functions.\n");
    const run = await runAxion(["system-prompt"], { cwd, env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Always run the linter before committing.");
    expect(run.stdout).toContain("Prefer small functions.");
    expect(run.stdout).toContain(cwd);
  });
});

describe("WebFetch from the binary", () => {
  it("converts HTML to markdown, and refuses loopback unless AXION_WEB_FETCH_ALLOW_PRIVATE=1", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" }).end("<html><body><h1>Release notes</h1><p>Version <b>2.0</b> is out.</p></body></html>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/notes`;
    try {
      const { cwd, env } = workspace();
      const fetchTurn = () => [{ toolCalls: [{ id: "toolu_fetch", name: "WebFetch", input: { url } }] }, { text: ["ok"] }];
      mock.script(fetchTurn());
      const refused = JSON.parse((await runAxion(["--output-format", "json", "-p", "read the notes"], { cwd, env })).stdout) as { tool_results: { output: string; is_error: boolean }[] };
      expect(refused.tool_results[0]!.is_error).toBe(true);
      mock.reset();
      mock.script(fetchTurn());
      const allowed = JSON.parse((await runAxion(["--output-format", "json", "-p", "read the notes"], { cwd, env: { ...env, AXION_WEB_FETCH_ALLOW_PRIVATE: "1" } })).stdout) as { tool_results: { output: string; is_error: boolean }[] };
      expect(allowed.tool_results[0]!.is_error).toBe(false);
      expect(allowed.tool_results[0]!.output).toContain("# Release notes");
      expect(allowed.tool_results[0]!.output).toContain("**2.0**");
    } finally {
      server.close();
    }
  });
});

describe("session hooks and telemetry", () => {
  it("runs SessionStart, UserPromptSubmit and PreToolUse hooks from settings and records HTTP events without secrets", async () => {
    const { cwd, env } = workspace();
    mkdirSync(join(cwd, ".claude"), { recursive: true });
    writeFileSync(
      join(cwd, ".claude", "settings.json"),
      JSON.stringify({
        hooks: {
          SessionStart: [{ hooks: [{ type: "command", command: "echo 'Project codename: BLUEBIRD'" }] }],
          UserPromptSubmit: [{ hooks: [{ type: "command", command: "echo 'Remember the style guide.'" }] }],
          PreToolUse: [{ matcher: "Bash", hooks: [{ type: "command", command: "echo 'no shell in this repo' >&2; exit 2" }] }],
          PostToolUse: [{ matcher: "Glob", hooks: [{ type: "command", command: `echo '{"continue": false, "stopReason": "enough searching", "systemMessage": "glob hook ran"}'` }] }],
        },
      }),
    );
    mock.script([{ toolCalls: [{ id: "toolu_bash", name: "Bash", input: { command: "ls" } }] }, { text: ["ok"] }]);
    const telemetryFile = join(cwd, "telemetry.jsonl");
    const run = await runAxion(["--trust-workspace", "--permission-mode", "danger-full-access", "--output-format", "json", "-p", "list files"], {
      cwd,
      env: { ...env, AXION_TELEMETRY_FILE: telemetryFile },
    });
    expect(run.code).toBe(0);
    const first = mock.requests[0]!.body as { system: unknown; messages: { content: unknown }[] };
    expect(JSON.stringify(first.system)).toContain("Project codename: BLUEBIRD");
    expect(JSON.stringify(first.messages[0]!.content)).toContain("Remember the style guide.");
    const json = JSON.parse(run.stdout) as { tool_results: { output: string; is_error: boolean }[] };
    expect(json.tool_results[0]).toMatchObject({ is_error: true });
    expect(json.tool_results[0]!.output).toContain("no shell in this repo");
    const events = readFileSync(telemetryFile, "utf8").trim().split("\n").map((line) => JSON.parse(line) as { type: string });
    expect(events.filter((event) => event.type === "http_request_succeeded")).toHaveLength(2);
    expect(readFileSync(telemetryFile, "utf8")).not.toContain("test-key");

    mock.reset();
    mock.script([{ toolCalls: [{ id: "toolu_glob", name: "Glob", input: { pattern: "*.md" } }] }, { text: ["never sent"] }]);
    const stopped = await runAxion(["--trust-workspace", "--output-format", "json", "-p", "find docs"], { cwd, env });
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain("hook: glob hook ran");
    expect(stopped.stderr).toContain("Stopped by a hook after Glob: enough searching");
    expect((JSON.parse(stopped.stdout) as { stop_reason: string }).stop_reason).toBe("hook_stopped");
    expect(mock.requests).toHaveLength(1);
  });
});
