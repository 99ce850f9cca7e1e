// Extensions people already have, through the built binary: `axion mcp` and `axion plugins`
// subcommands, markdown slash commands and skills.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAxion, testWorkspace } from "../test-support/run-axion.js";

const require = createRequire(import.meta.url);
const everythingServer = join(dirname(require.resolve("@modelcontextprotocol/server-everything/package.json")), "dist", "index.js");

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());

function workspace() {
  const made = testWorkspace(mock.baseUrl, { prefix: "axion-ext-e2e-" });
  return { ...made, root: dirname(made.cwd) };
}

describe("axion mcp", () => {
  it("adds a server, lists it with live status and tool count, and removes it", async () => {
    const { cwd, env } = workspace();
    const added = await runAxion(["mcp", "add", "everything", process.execPath, everythingServer, "stdio"], { cwd, env });
    expect(added.code).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, ".mcp.json"), "utf8"))).toEqual({
      mcpServers: { everything: { type: "stdio", command: process.execPath, args: [everythingServer, "stdio"] } },
    });
    writeFileSync(
      join(cwd, ".mcp.json"),
      JSON.stringify({ mcpServers: { everything: { command: process.execPath, args: [everythingServer, "stdio"] }, broken: { command: "/nonexistent/server" } } }),
    );
    const list = await runAxion(["mcp", "list", "--trust-workspace"], { cwd, env, timeoutMs: 60_000 });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/everything\s+stdio\s+connected\s+1[0-9]/);
    expect(list.stdout).toMatch(/broken\s+stdio\s+failed/);
    const json = JSON.parse((await runAxion(["mcp", "list", "--output-format", "json", "--trust-workspace"], { cwd, env, timeoutMs: 60_000 })).stdout) as { servers: { name: string; status: string; tools: string[] }[] };
    expect(json.servers.find((server) => server.name === "everything")?.tools).toContain("echo");
    const removed = await runAxion(["mcp", "remove", "broken"], { cwd, env });
    expect(removed.code).toBe(0);
    expect(Object.keys((JSON.parse(readFileSync(join(cwd, ".mcp.json"), "utf8")) as { mcpServers: object }).mcpServers)).toEqual(["everything"]);
  }, 120_000);
});

describe("axion plugins", () => {
  it("installs, lists, disables, enables and uninstalls a plugin", async () => {
    const { root, cwd, home, env } = workspace();
    const source = join(root, "my-plugin");
    mkdirSync(join(source, ".claude-plugin"), { recursive: true });
    mkdirSync(join(source, "commands"), { recursive: true });
    writeFileSync(join(source, ".claude-plugin", "plugin.json"), JSON.stringify({ name: "my-plugin", version: "1.2.0", description: "demo" }));
    writeFileSync(join(source, "commands", "hello.md"), "---\ndescription: Greets\n---\nSay hello to $ARGUMENTS\n");
    const install = await runAxion(["plugins", "install", source], { cwd, env });
    expect(install.code).toBe(0);
    expect(existsSync(join(home, "config", "plugins", "my-plugin", ".claude-plugin", "plugin.json"))).toBe(true);
    const listed = await runAxion(["plugins", "list"], { cwd, env });
    expect(listed.stdout).toMatch(/my-plugin@\S+\s+1\.2\.0\s+enabled/);
    const id = /(my-plugin@\S+)/.exec(listed.stdout)![1]!;

    mock.script([{ text: ["hi"] }]);
    const ran = await runAxion(["-p", "/my-plugin:hello Ada"], { cwd, env });
    expect(ran.code).toBe(0);
    expect(JSON.stringify(mock.requests[0]!.body)).toContain("Say hello to Ada");

    expect((await runAxion(["plugins", "disable", id], { cwd, env })).code).toBe(0);
    expect((await runAxion(["plugins", "list"], { cwd, env })).stdout).toMatch(/my-plugin@\S+\s+1\.2\.0\s+disabled/);
    const gone = await runAxion(["-p", "/my-plugin:hello Ada"], { cwd, env });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("unknown command /my-plugin:hello");
    expect((await runAxion(["plugins", "enable", id], { cwd, env })).code).toBe(0);
    expect((await runAxion(["plugins", "uninstall", id], { cwd, env })).code).toBe(0);
    expect((await runAxion(["plugins", "list"], { cwd, env })).stdout).toContain("No plugins found");
  }, 120_000);
});

describe("markdown commands and skills from files", () => {
  it("runs a .claude/commands command with $ARGUMENTS and lists skills to the model by name", async () => {
    const { cwd, env } = workspace();
    mkdirSync(join(cwd, ".claude", "commands"), { recursive: true });
    writeFileSync(join(cwd, ".claude", "commands", "fix-issue.md"), "---\ndescription: Fix an issue\nargument-hint: [number]\n---\nFix issue #$ARGUMENTS following our style guide.\n");
    mkdirSync(join(cwd, ".claude", "skills", "pdf-tools"), { recursive: true });
    writeFileSync(join(cwd, ".claude", "skills", "pdf-tools", "SKILL.md"), "---\nname: pdf-tools\ndescription: Extract text from PDF files\n---\nFULL SKILL BODY: use pdftotext.\n");
    mock.script([
      { toolCalls: [{ id: "toolu_skill", name: "Skill", input: { skill: "pdf-tools" } }] },
      { text: ["done"] },
    ]);
    const run = await runAxion(["--output-format", "json", "-p", "/fix-issue 123"], { cwd, env });
    expect(run.code).toBe(0);
    const first = mock.requests[0]!.body as { system: unknown; messages: unknown[] };
    expect(JSON.stringify(first.messages)).toContain("Fix issue #123 following our style guide.");
    expect(JSON.stringify(first.system)).toContain("pdf-tools");
    expect(JSON.stringify(first.system)).toContain("Extract text from PDF files");
    expect(JSON.stringify(first.system)).not.toContain("FULL SKILL BODY");
    const json = JSON.parse(run.stdout) as { tool_results: { output: string }[] };
    expect(json.tool_results[0]!.output).toContain("FULL SKILL BODY: use pdftotext.");

    const unknown = await runAxion(["-p", "/fix-isue 1"], { cwd, env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Did you mean /fix-issue?");
  }, 60_000);
});
