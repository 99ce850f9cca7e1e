import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-args.js";
import { postJson } from "./test-support/http-helpers.js";
import { anthropicClient } from "./test-support/wire-clients.js";

describe("parseCliArgs", () => {
  it("defaults to port 0 on 127.0.0.1", () => {
    expect(parseCliArgs([])).toEqual({ port: 0, host: "127.0.0.1", help: false, strict: false });
  });

  it("reads --port and --host in both spellings", () => {
    expect(parseCliArgs(["--port", "8123", "--host=0.0.0.0"])).toEqual({ port: 8123, host: "0.0.0.0", help: false, strict: false });
    expect(parseCliArgs(["--port=0", "-h"])).toEqual({ port: 0, host: "127.0.0.1", help: true, strict: false });
    expect(parseCliArgs(["--strict"])).toEqual({ port: 0, host: "127.0.0.1", help: false, strict: true });
  });

  it("rejects bad input with a one-line error naming the argument", () => {
    expect(() => parseCliArgs(["--port", "http"])).toThrow('axion-mock-llm: --port must be an integer from 0 to 65535, got "http"');
    expect(() => parseCliArgs(["--port", "70000"])).toThrow(/--port must be an integer/);
    expect(() => parseCliArgs(["--port"])).toThrow("axion-mock-llm: --port needs a value");
    expect(() => parseCliArgs(["--bind", "x"])).toThrow('axion-mock-llm: unknown argument "--bind" (see --help)');
  });
});

describe("the axion-mock-llm bin", () => {
  const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
  let outDir: string;
  let cliPath: string;

  beforeAll(() => {
    // Transpile the current sources with the package's own TypeScript into a temp folder
    // (type checking is the typecheck task's job), so the bin under test is never a stale dist.
    outDir = mkdtempSync(join(tmpdir(), "mock-llm-cli-"));
    const sourceDir = join(packageDir, "src");
    for (const name of readdirSync(sourceDir)) {
      if (!name.endsWith(".ts") || name.endsWith(".test.ts")) continue;
      const output = ts.transpileModule(readFileSync(join(sourceDir, name), "utf8"), {
        fileName: name,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      });
      writeFileSync(join(outDir, name.replace(/\.ts$/, ".js")), output.outputText);
    }
    writeFileSync(join(outDir, "package.json"), JSON.stringify({ type: "module" }));
    cliPath = join(outDir, "cli.js");
  });

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  function startBin(args: string[]): { child: ChildProcessWithoutNullStreams; firstLine: Promise<string>; stderr: () => string; exit: Promise<number | null> } {
    const child = spawn(process.execPath, [cliPath, ...args], { stdio: "pipe" });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const lines = createInterface({ input: child.stdout });
    const firstLine = new Promise<string>((resolve) => lines.once("line", resolve));
    const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, firstLine, stderr: () => stderr, exit };
  }

  it("prints exactly one MOCK_LLM_BASE_URL line, serves requests, logs to stderr and exits on SIGTERM", async () => {
    const run = startBin(["--port", "0"]);
    let stdout = "";
    run.child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    const line = await run.firstLine;
    expect(line).toMatch(/^MOCK_LLM_BASE_URL=http:\/\/127\.0\.0\.1:\d+$/);
    const baseUrl = line.slice("MOCK_LLM_BASE_URL=".length);
    const reply = await anthropicClient.collectStream(await postJson(`${baseUrl}/v1/messages`, anthropicClient.firstRequest("PARITY_SCENARIO:streaming_text", true)));
    expect(reply.text).toBe("Mock streaming says hello from the parity harness.");
    run.child.kill("SIGTERM");
    expect(await run.exit).toBe(0);
    expect(stdout).toBe(`${line}\n`);
    expect(run.stderr()).toContain("POST /v1/messages anthropic stream scenario=streaming_text");
  }, 20_000);

  it("--strict refuses a tool_use without its tool_result with Anthropic's 400", async () => {
    const run = startBin(["--strict"]);
    const baseUrl = (await run.firstLine).slice("MOCK_LLM_BASE_URL=".length);
    const response = await postJson(`${baseUrl}/v1/messages`, {
      model: "m",
      max_tokens: 10,
      messages: [
        { role: "user", content: "go" },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "Bash", input: {} }] },
        { role: "user", content: "continue" },
      ],
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
    run.child.kill("SIGTERM");
    expect(await run.exit).toBe(0);
  }, 20_000);

  it("exits cleanly on SIGINT", async () => {
    const run = startBin([]);
    await run.firstLine;
    run.child.kill("SIGINT");
    expect(await run.exit).toBe(0);
  }, 20_000);

  it("exits with status 2 and one stderr line on a bad argument", async () => {
    const result = spawnSync(process.execPath, [cliPath, "--port", "nope"], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe('axion-mock-llm: --port must be an integer from 0 to 65535, got "nope"\n');
  });
});
