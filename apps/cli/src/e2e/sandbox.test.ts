// Bash under bubblewrap, driven through the built binary and @axion/mock-llm: read-only mode runs commands in a
// read-only sandbox instead of refusing them, workspace-write keeps writes inside the workspace even when an allow
// rule lets Bash run, and a sandbox that cannot start is reported once, never silently.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { detectSandbox } from "@axion/runtime";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAxion, testWorkspace, type TestWorkspace } from "../test-support/run-axion.js";

const bwrap = detectSandbox();
const skipReason = bwrap.available ? "" : ` (skipped: ${bwrap.reason})`;

interface ToolResult {
  output: string;
  is_error: boolean;
}

let mock: MockLlmServer;
const roots: string[] = [];
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function workspace(): TestWorkspace & { root: string } {
  const made = testWorkspace(mock.baseUrl, { prefix: "axion-sandbox-e2e-" });
  const root = dirname(made.cwd);
  roots.push(root);
  writeFileSync(join(made.cwd, "notes.txt"), "sandboxed notes\n");
  return { ...made, root };
}

function bashCalls(...commands: string[]) {
  return [
    ...commands.map((command, index) => ({ toolCalls: [{ id: `toolu_${index + 1}`, name: "Bash", input: { command } }] })),
    { text: ["done"] },
  ];
}

async function runJson(args: string[], ws: TestWorkspace): Promise<{ code: number | null; stderr: string; results: ToolResult[] }> {
  const run = await runAxion(["--output-format", "json", ...args], { cwd: ws.cwd, env: ws.env });
  const parsed = JSON.parse(run.stdout || "{}") as { tool_results?: ToolResult[] };
  return { code: run.code, stderr: run.stderr, results: parsed.tool_results ?? [] };
}

describe.skipIf(!bwrap.available)(`Bash in the bubblewrap sandbox${skipReason}`, () => {
  it("read-only mode: a reading command runs (sandboxed), a writing one fails and writes nothing", async () => {
    const ws = workspace();
    mock.script(bashCalls("cat notes.txt", "touch made.txt"));
    const run = await runJson(["--permission-mode", "read-only", "-p", "look at the notes"], ws);
    expect(run.code, run.stderr).toBe(0);
    expect(run.results[0]).toMatchObject({ output: "sandboxed notes", is_error: false });
    expect(run.results[1]!.is_error).toBe(true);
    expect(run.results[1]!.output).toContain("Read-only file system");
    expect(existsSync(join(ws.cwd, "made.txt"))).toBe(false);
  });

  it("workspace-write with an allow rule for Bash: writes stay inside the workspace", async () => {
    const ws = workspace();
    const outside = join(ws.root, "outside");
    mkdirSync(outside);
    writeFileSync(join(ws.home, "config", "settings.json"), JSON.stringify({ permissions: { allow: ["Bash"] } }));
    mock.script(bashCalls(`echo x > ${join(outside, "escaped.txt")}`, "echo inside > inside.txt && cat inside.txt",
      // a write the permission rules cannot see (inside a program): the sandbox takes it away afterwards
      `node -e "require('fs').writeFileSync('.mcp.json', '{}')"`,
      `node -e "require('fs').writeFileSync('${join(outside, "escaped-by-node.txt")}', 'x')"`,
    ));
    const run = await runJson(["--permission-mode", "workspace-write", "-p", "write some files"], ws);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(outside, "escaped.txt"))).toBe(false);
    expect(run.results[0]!.is_error).toBe(true);
    expect(run.results[1]).toMatchObject({ output: "inside", is_error: false });
    expect(readFileSync(join(ws.cwd, "inside.txt"), "utf8")).toBe("inside\n");
    expect(existsSync(join(ws.cwd, ".mcp.json"))).toBe(false);
    expect(run.results[2]!.output).toContain("sandbox: removed .mcp.json, created by the command: it is a protected path; use the Write tool, which asks first");
    expect(run.results[3]!.is_error).toBe(true);
    expect(existsSync(join(outside, "escaped-by-node.txt"))).toBe(false);
  });

  it("axion doctor reports the sandbox of the mode, in text and JSON", async () => {
    const ws = workspace();
    const text = await runAxion(["doctor"], { cwd: ws.cwd, env: ws.env });
    expect(text.stdout).toContain(`  ✓ Sandbox: bubblewrap ${bwrap.available ? `${bwrap.version} (${bwrap.bwrapPath})` : ""}; on: the workspace and /tmp are writable, the rest read-only; network off`);
    writeFileSync(join(ws.home, "config", "settings.json"), JSON.stringify({ sandbox: { network: true, writable: ["~/cache"] }, permissions: { defaultMode: "read-only" } }));
    const json = JSON.parse((await runAxion(["doctor", "--output-format", "json"], { cwd: ws.cwd, env: ws.env })).stdout) as { sandbox: Record<string, unknown> };
    expect(json.sandbox).toMatchObject({
      state: "enabled",
      mode: "read-only",
      network: true,
      writable: ["~/cache"],
      summary: "on: the filesystem is read-only but for a fresh /tmp; network on",
      bwrap: { path: bwrap.available ? bwrap.bwrapPath : "" },
    });
    writeFileSync(join(ws.home, "config", "settings.json"), JSON.stringify({ sandbox: { enabled: false } }));
    expect((await runAxion(["doctor"], { cwd: ws.cwd, env: ws.env })).stdout).toContain("Sandbox: bubblewrap");
    expect((await runAxion(["doctor"], { cwd: ws.cwd, env: ws.env })).stdout).toContain("off: sandbox.enabled is false in the settings");
  });

  it("says once that the sandbox is unavailable when bwrap fails, then runs under the rules only", async () => {
    const ws = workspace();
    const bin = join(ws.root, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "bwrap"), "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");
    chmodSync(join(bin, "bwrap"), 0o755);
    ws.env["PATH"] = `${bin}:${ws.env["PATH"]}`;
    writeFileSync(join(ws.home, "config", "settings.json"), JSON.stringify({ permissions: { allow: ["Bash"] } }));
    mock.script(bashCalls("echo one > one.txt", "echo two > two.txt"));
    const run = await runJson(["--permission-mode", "workspace-write", "-p", "write two files"], ws);
    expect(run.code, run.stderr).toBe(0);
    const warning = "sandbox unavailable (bwrap failed: bwrap: No permissions to create new namespace); commands run without it, under the permission rules only";
    expect(run.stderr.split(warning).length - 1).toBe(1);
    expect(existsSync(join(ws.cwd, "one.txt")) && existsSync(join(ws.cwd, "two.txt"))).toBe(true);
  });
});
