// The parity harness: the twelve black-box cases of shared/parity-scenarios.md, run against the BUILT
// binary and @axion/mock-llm, plus cases 1, 2 and 6 over every other wire format.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAxion } from "../test-support/run-axion.js";

interface ParityJson {
  message: string;
  model: string;
  session_id: string;
  iterations: number;
  auto_compaction: { removed_messages: number; notice: string } | null;
  tool_uses: { id: string; name: string; input: string }[];
  tool_results: { tool_use_id: string; tool_name: string; output: string; is_error: boolean }[];
  prompt_cache_events: unknown[];
  usage: { input_tokens: number; output_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number; total_tokens: number };
  estimated_cost: string;
}

const THREE_LINES = "alpha parity line\nbeta line\ngamma parity line\n";

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});

interface CaseOptions {
  mode: string;
  allowedTools?: string;
  stdin?: string;
  fixture?: Record<string, string>;
  model?: string;
  env?: Record<string, string>;
  extraArgs?: string[];
  prepare?: (workspace: string, home: string) => string[] | void;
}

async function runCase(scenario: string, options: CaseOptions) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "axion-parity-")));
  const workspace = join(root, "workspace");
  const home = join(root, "home");
  mkdirSync(workspace, { recursive: true });
  mkdirSync(join(home, "config"), { recursive: true });
  for (const [path, content] of Object.entries(options.fixture ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), content);
  }
  const extra = options.prepare?.(workspace, home) ?? [];
  const env: Record<string, string> = {
    HOME: home,
    AXION_CONFIG_HOME: join(home, "config"),
    ANTHROPIC_API_KEY: "test-parity-key",
    ANTHROPIC_BASE_URL: mock.baseUrl,
    NO_COLOR: "1",
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    ...options.env,
  };
  const args = [
    "--model",
    options.model ?? "sonnet",
    "--permission-mode",
    options.mode,
    "--output-format",
    "json",
    ...(options.allowedTools ? ["--allowedTools", options.allowedTools] : []),
    ...extra,
    ...(options.extraArgs ?? []),
    `PARITY_SCENARIO:${scenario}`,
  ];
  const run = await runAxion(args, { cwd: workspace, env, ...(options.stdin !== undefined ? { stdin: options.stdin } : {}) });
  let json: ParityJson | undefined;
  try {
    json = JSON.parse(run.stdout) as ParityJson;
  } catch {
    throw new Error(`stdout is not one JSON object (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
  return { run, json, workspace, home };
}

describe("parity harness (Anthropic Messages)", () => {
  it("runs the twelve cases with exactly 21 streamed /v1/messages requests in order", async () => {
    mock.reset();

    // 1 streaming_text
    {
      const { run, json } = await runCase("streaming_text", { mode: "read-only" });
      expect(run.code).toBe(0);
      expect(json.message).toBe("Mock streaming says hello from the parity harness.");
      expect(json.iterations).toBe(1);
      expect(json.tool_uses).toEqual([]);
      expect(json.tool_results).toEqual([]);
      expect(json.session_id).toMatch(/^[0-9a-f]{16}$/);
    }
    // 2 read_file_roundtrip
    {
      const { run, json } = await runCase("read_file_roundtrip", { mode: "read-only", allowedTools: "Read", fixture: { "fixture.txt": "alpha parity line\n" } });
      expect(run.code).toBe(0);
      expect(json.iterations).toBe(2);
      expect(json.tool_uses[0]!.name).toBe("Read");
      expect(json.tool_uses[0]!.input).toBe('{"file_path":"fixture.txt"}');
      expect(json.tool_results[0]!.output).toContain("     1\talpha parity line");
      expect(json.tool_results[0]!.is_error).toBe(false);
      expect(json.message).toContain("alpha parity line");
    }
    // 3 grep_chunk_assembly
    {
      const { run, json } = await runCase("grep_chunk_assembly", { mode: "read-only", allowedTools: "Grep", fixture: { "fixture.txt": THREE_LINES } });
      expect(run.code).toBe(0);
      expect(json.tool_uses[0]!.input).toBe('{"pattern":"parity","path":"fixture.txt","output_mode":"count"}');
      expect(json.tool_results[0]!.output).toContain("fixture.txt:2");
      expect(json.tool_results[0]!.is_error).toBe(false);
      expect(json.message).toContain("fixture.txt:2");
    }
    // 4 write_file_allowed
    {
      const { run, json, workspace } = await runCase("write_file_allowed", { mode: "workspace-write", allowedTools: "Write" });
      expect(run.code).toBe(0);
      expect(readFileSync(join(workspace, "generated/output.txt"), "utf8")).toBe("created by mock service\n");
      expect(json.tool_results[0]!.is_error).toBe(false);
      expect(json.message).toContain("generated/output.txt");
    }
    // 5 write_file_denied
    {
      const { run, json, workspace } = await runCase("write_file_denied", { mode: "read-only", allowedTools: "Write" });
      expect(run.code).toBe(0);
      expect(json.tool_results[0]!.is_error).toBe(true);
      expect(json.tool_results[0]!.output).toContain("requires workspace-write permission");
      expect(existsSync(join(workspace, "generated/denied.txt"))).toBe(false);
      expect(json.message).toContain("denied as expected");
    }
    // 6 multi_tool_turn_roundtrip
    {
      const { run, json } = await runCase("multi_tool_turn_roundtrip", { mode: "read-only", allowedTools: "Read,Grep", fixture: { "fixture.txt": THREE_LINES } });
      expect(run.code).toBe(0);
      expect(json.iterations).toBe(2);
      expect(json.tool_uses.map((use) => [use.id, use.name])).toEqual([["toolu_multi_read", "Read"], ["toolu_multi_grep", "Grep"]]);
      expect(json.tool_results.map((result) => result.tool_use_id)).toEqual(["toolu_multi_read", "toolu_multi_grep"]);
      expect(json.message).toContain("alpha parity line");
      expect(json.message).toContain("fixture.txt:2");
    }
    // 7 bash_stdout_roundtrip
    {
      const { run, json } = await runCase("bash_stdout_roundtrip", { mode: "danger-full-access", allowedTools: "Bash" });
      expect(run.code).toBe(0);
      expect(json.tool_uses[0]!.input).toBe(`{"command":"printf 'alpha from bash'","timeout":1000}`);
      expect(json.tool_results[0]!.output).toBe("alpha from bash");
      expect(json.tool_results[0]!.is_error).toBe(false);
    }
    // 8 bash_permission_prompt_approved
    {
      const { run, json } = await runCase("bash_permission_prompt_approved", { mode: "workspace-write", allowedTools: "Bash", stdin: "y\n", extraArgs: ["--approvals-from-stdin"] });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain("Permission approval required");
      expect(run.stderr).toContain("Approve this tool call? [y/N]:");
      expect(run.stdout).not.toContain("Permission approval required");
      expect(json.tool_results[0]!.output).toBe("approved via prompt");
      expect(json.tool_results[0]!.is_error).toBe(false);
    }
    // 9 bash_permission_prompt_denied
    {
      const { run, json, workspace } = await runCase("bash_permission_prompt_denied", { mode: "workspace-write", allowedTools: "Bash", stdin: "n\n", extraArgs: ["--approvals-from-stdin"] });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain("Permission approval required");
      expect(run.stderr).toContain("Approve this tool call? [y/N]:");
      expect(json.tool_results[0]!.output).toContain("denied by user approval prompt");
      expect(json.tool_results[0]!.is_error).toBe(true);
      expect(readdirSync(workspace).filter((name) => name !== ".axion")).toEqual([]);
    }
    // 10 plugin_tool_roundtrip
    {
      const { run, json } = await runCase("plugin_tool_roundtrip", {
        mode: "workspace-write",
        prepare: (workspace, home) => {
          const plugin = join(workspace, "external-plugins", "parity-plugin");
          mkdirSync(join(plugin, ".claude-plugin"), { recursive: true });
          mkdirSync(join(plugin, "tools"), { recursive: true });
          writeFileSync(
            join(plugin, ".claude-plugin", "plugin.json"),
            JSON.stringify({
              name: "parity-plugin",
              version: "1.0.0",
              description: "parity plugin",
              tools: [
                {
                  name: "plugin_echo",
                  description: "Echo JSON input",
                  inputSchema: { type: "object", properties: { message: { type: "string" } }, required: ["message"], additionalProperties: false },
                  command: "./tools/echo-json.sh",
                  requiredPermission: "workspace-write",
                },
              ],
            }),
          );
          const script = join(plugin, "tools", "echo-json.sh");
          writeFileSync(script, '#!/bin/sh\nINPUT=$(cat)\nprintf \'{"plugin":"%s","tool":"%s","input":%s}\\n\' "$AXION_PLUGIN_ID" "$AXION_TOOL_NAME" "$INPUT"\n');
          chmodSync(script, 0o755);
          writeFileSync(
            join(home, "config", "settings.json"),
            JSON.stringify({ enabledPlugins: { "parity-plugin@external": true }, plugins: { externalDirectories: [join(workspace, "external-plugins")] } }),
          );
        },
      });
      expect(run.code).toBe(0);
      expect(json.tool_uses[0]!.name).toBe("plugin_echo");
      const output = JSON.parse(json.tool_results[0]!.output) as { plugin: string; tool: string; input: { message: string } };
      expect(output).toEqual({ plugin: "parity-plugin@external", tool: "plugin_echo", input: { message: "hello from plugin parity" } });
      expect(json.message).toContain("hello from plugin parity");
    }
    // 11 auto_compact_triggered
    {
      const sessionId = "0123456789abcdef";
      const { run, json, workspace } = await runCase("auto_compact_triggered", {
        mode: "read-only",
        env: { AXION_AUTO_COMPACT_INPUT_TOKENS: "40000" },
        prepare: (workspace) => {
          const dir = join(workspace, ".axion", "sessions");
          mkdirSync(dir, { recursive: true });
          const lines = [JSON.stringify({ type: "meta", version: 1, session_id: sessionId, created_at: new Date().toISOString(), cwd: workspace, model: "claude-sonnet-4-6" })];
          for (let index = 0; index < 12; index += 1) {
            const role = index % 2 === 0 ? "user" : "assistant";
            lines.push(JSON.stringify({ type: "message", message: { role, content: [{ type: "text", text: `seeded ${role} message ${index} ${"x".repeat(200)}` }] }, timestamp: new Date().toISOString() }));
          }
          writeFileSync(join(dir, `${sessionId}.jsonl`), `${lines.join("\n")}\n`);
          return ["--resume", sessionId];
        },
      });
      expect(run.code).toBe(0);
      expect(json.iterations).toBe(1);
      expect(json.message).toContain("auto compact parity complete.");
      expect(json.auto_compaction).not.toBeNull();
      expect(json.auto_compaction!.removed_messages).toBeGreaterThan(0);
      expect(json.usage.input_tokens).toBeGreaterThanOrEqual(50_000);
      const records = readFileSync(join(workspace, ".axion", "sessions", `${sessionId}.jsonl`), "utf8").trim().split("\n").map((line) => JSON.parse(line) as { type: string });
      expect(records.some((record) => record.type === "compaction")).toBe(true);
    }
    // 12 token_cost_reporting
    {
      const { run, json } = await runCase("token_cost_reporting", { mode: "read-only" });
      expect(run.code).toBe(0);
      expect(json.usage.input_tokens).toBe(1000);
      expect(json.usage.output_tokens).toBe(500);
      expect(json.estimated_cost).toBe("$0.0105");
      expect(json.message).toContain("token cost reporting parity complete.");
    }

    const messages = mock.requests.filter((request) => request.method === "POST" && request.path === "/v1/messages");
    expect(messages).toHaveLength(21);
    expect(messages.every((request) => request.stream)).toBe(true);
    expect(messages.map((request) => request.scenario)).toEqual([
      "streaming_text",
      "read_file_roundtrip", "read_file_roundtrip",
      "grep_chunk_assembly", "grep_chunk_assembly",
      "write_file_allowed", "write_file_allowed",
      "write_file_denied", "write_file_denied",
      "multi_tool_turn_roundtrip", "multi_tool_turn_roundtrip",
      "bash_stdout_roundtrip", "bash_stdout_roundtrip",
      "bash_permission_prompt_approved", "bash_permission_prompt_approved",
      "bash_permission_prompt_denied", "bash_permission_prompt_denied",
      "plugin_tool_roundtrip", "plugin_tool_roundtrip",
      "auto_compact_triggered",
      "token_cost_reporting",
    ]);
    expect(messages[0]!.headers["x-api-key"]).toBe("test-parity-key");
  }, 180_000);
});

const WIRE_FORMATS = [
  { label: "OpenAI chat completions", model: "openai/gpt-4o", path: "/v1/chat/completions", env: (url: string) => ({ OPENAI_API_KEY: "test-parity-key", OPENAI_BASE_URL: `${url}/v1` }) },
  { label: "OpenAI Responses", model: "gpt-5-codex", path: "/v1/responses", env: (url: string) => ({ OPENAI_API_KEY: "test-parity-key", OPENAI_BASE_URL: `${url}/v1` }) },
  { label: "Ollama native chat", model: "ollama/qwen2.5-coder", path: "/api/chat", env: (url: string) => ({ OLLAMA_BASE_URL: url }) },
] as const;

describe.each(WIRE_FORMATS)("the same agent over $label", ({ model, path, env }) => {
  it("passes cases 1, 2 and 6 with tool calls streamed in pieces and results sent back in that format", async () => {
    mock.reset();
    const text = await runCase("streaming_text", { mode: "read-only", model, env: env(mock.baseUrl) });
    expect(text.run.code).toBe(0);
    expect(text.json.message).toBe("Mock streaming says hello from the parity harness.");
    expect(text.json.iterations).toBe(1);

    const read = await runCase("read_file_roundtrip", { mode: "read-only", allowedTools: "Read", model, env: env(mock.baseUrl), fixture: { "fixture.txt": "alpha parity line\n" } });
    expect(read.run.code).toBe(0);
    expect(read.json.iterations).toBe(2);
    expect(read.json.tool_uses[0]!.name).toBe("Read");
    expect(JSON.parse(read.json.tool_uses[0]!.input)).toEqual({ file_path: "fixture.txt" });
    expect(read.json.message).toContain("alpha parity line");

    const multi = await runCase("multi_tool_turn_roundtrip", { mode: "read-only", allowedTools: "Read,Grep", model, env: env(mock.baseUrl), fixture: { "fixture.txt": THREE_LINES } });
    expect(multi.run.code).toBe(0);
    expect(multi.json.tool_uses.map((use) => use.name)).toEqual(["Read", "Grep"]);
    expect(JSON.parse(multi.json.tool_uses[1]!.input)).toEqual({ pattern: "parity", path: "fixture.txt", output_mode: "count" });
    expect(multi.json.message).toContain("alpha parity line");
    expect(multi.json.message).toContain("fixture.txt:2");

    const requests = mock.requests.filter((request) => request.path === path);
    expect(requests).toHaveLength(5);
    expect(mock.requests.filter((request) => request.path === "/v1/messages")).toHaveLength(0);
  }, 120_000);
});
