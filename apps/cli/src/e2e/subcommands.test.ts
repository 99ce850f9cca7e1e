// `axion <subcommand>` through the built binary, in a temp folder with a cleared environment.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAxion, testWorkspace } from "../test-support/run-axion.js";

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});

function workspace(withKey = true) {
  const made = testWorkspace(mock.baseUrl, { withKey, prefix: "axion-sub-" });
  if (withKey) made.env["ANTHROPIC_API_KEY"] = "sk-ant-api03-secretsecretsecret";
  return made;
}

describe("axion subcommands", () => {
  it("status, doctor, config and tools answer in text and json without touching a model or creating a session", async () => {
    const { cwd, env } = workspace();
    const status = await runAxion(["status"], { cwd, env });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("claude-sonnet-4-6");
    const statusJson = JSON.parse((await runAxion(["status", "--output-format", "json"], { cwd, env })).stdout) as { model: string; permission_mode: string };
    expect(statusJson).toMatchObject({ model: "claude-sonnet-4-6", permission_mode: "workspace-write" });

    const doctor = await runAxion(["doctor"], { cwd, env });
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain("Node 20");
    expect(doctor.stdout + doctor.stderr).not.toContain("secretsecret");
    const doctorJson = JSON.parse((await runAxion(["doctor", "--output-format", "json"], { cwd, env })).stdout) as { credentials: { provider: string; available: boolean; source: string }[] };
    expect(doctorJson.credentials.find((entry) => entry.provider === "anthropic")).toMatchObject({ available: true, source: "env ANTHROPIC_API_KEY" });
    expect(JSON.stringify(doctorJson)).not.toContain("secretsecret");

    mkdirSync(join(cwd, ".axion"));
    writeFileSync(join(cwd, ".axion", "settings.json"), JSON.stringify({ model: "opus", permissions: { allow: ["Bash(npm test)"] } }));
    const config = JSON.parse((await runAxion(["config", "--output-format", "json"], { cwd, env })).stdout) as { merged: { model: string }; sources: { path: string; loaded: boolean }[] };
    expect(config.merged.model).toBe("opus");
    expect(config.sources.find((source) => source.path === join(cwd, ".axion", "settings.json"))?.loaded).toBe(true);

    const tools = JSON.parse((await runAxion(["tools", "--output-format", "json"], { cwd, env })).stdout) as { tools: { name: string; permission: string }[] };
    expect(tools.tools.find((tool) => tool.name === "Bash")?.permission).toBe("danger-full-access");
    expect(tools.tools.find((tool) => tool.name === "Read")?.permission).toBe("read-only");
    expect(existsSync(join(cwd, ".axion", "sessions"))).toBe(false);
    expect(mock.requests).toHaveLength(0);
  }, 60_000);

  it("lists, shows, exports and deletes sessions", async () => {
    const { cwd, env } = workspace();
    mock.script([{ text: ["the answer is 42"] }]);
    const ran = JSON.parse((await runAxion(["--output-format", "json", "-p", "what is the answer?"], { cwd, env })).stdout) as { session_id: string };
    const list = await runAxion(["session", "list"], { cwd, env });
    expect(list.stdout).toContain(ran.session_id);
    expect(list.stdout).toContain("what is the answer?");
    const listJson = JSON.parse((await runAxion(["session", "list", "--output-format", "json"], { cwd, env })).stdout) as { sessions: { id: string; messageCount: number }[] };
    expect(listJson.sessions[0]).toMatchObject({ id: ran.session_id, messageCount: 2 });
    const shown = await runAxion(["session", "show", ran.session_id.slice(0, 5)], { cwd, env });
    expect(shown.stdout).toContain("the answer is 42");
    const exported = await runAxion(["export", "latest", "-o", "out.md"], { cwd, env });
    expect(exported.code).toBe(0);
    expect(readFileSync(join(cwd, "out.md"), "utf8")).toContain("what is the answer?");
    expect((await runAxion(["session", "delete", ran.session_id], { cwd, env })).code).toBe(0);
    expect((await runAxion(["session", "list"], { cwd, env })).stdout).toContain("No sessions");
  }, 60_000);

  it("resume continues a session interactively and shows its history", async () => {
    const { cwd, env } = workspace();
    mock.reset();
    mock.script([{ text: ["noted: 7"] }]);
    const first = JSON.parse((await runAxion(["--output-format", "json", "-p", "remember the number 7"], { cwd, env })).stdout) as { session_id: string };
    const resumed = await runAxion(["resume", first.session_id], { cwd, env, stdin: "/status\n" });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`${first.session_id} (resumed)`);
    expect(resumed.stdout).toContain("remember the number 7");
    expect(resumed.stdout).toContain("noted: 7");
    expect(resumed.stdout).toMatch(/Messages\s+2/);
  }, 60_000);

  it("the REPL's /image sends the file as an image block with the next message", async () => {
    const { cwd, env } = workspace();
    // a 1×1 transparent PNG
    writeFileSync(join(cwd, "pixel.png"), Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));
    mock.reset();
    mock.script([{ text: ["hello"] }, { text: ["a single pixel"] }]);
    expect((await runAxion(["-p", "hello"], { cwd, env })).code).toBe(0);
    // the REPL reads piped input line by line (here through `axion resume`, which always opens it)
    const run = await runAxion(["resume"], { cwd, env, stdin: "/image pixel.png what is this?\n" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Attached pixel.png");
    expect(run.stdout).toContain("a single pixel");
    const sent = mock.requests[1]!.body as { messages: { content: { type: string; source?: { media_type: string } }[] }[] };
    const blocks = sent.messages.at(-1)!.content;
    expect(blocks[0]).toMatchObject({ type: "image", source: { media_type: "image/png" } });
    expect(blocks.at(-1)).toMatchObject({ type: "text" });
  }, 60_000);

  it("login stores a key 0600 without printing it; logout removes it", async () => {
    const { cwd, home, env } = workspace(false);
    const login = await runAxion(["login", "openai"], { cwd, env, stdin: "sk-proj-testtesttesttest1234\n" });
    expect(login.code).toBe(0);
    const keyFile = join(home, "config", "credentials", "openai.key");
    expect(readFileSync(keyFile, "utf8").trim()).toBe("sk-proj-testtesttesttest1234");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(login.stdout + login.stderr).not.toContain("testtesttest");
    const doctor = JSON.parse((await runAxion(["doctor", "--output-format", "json"], { cwd, env })).stdout) as { credentials: { provider: string; available: boolean }[] };
    expect(doctor.credentials.find((entry) => entry.provider === "openai")?.available).toBe(true);
    expect((await runAxion(["logout", "openai"], { cwd, env })).code).toBe(0);
    expect(existsSync(keyFile)).toBe(false);
  }, 60_000);

  it("init creates AXION.md and .axion/settings.json once", async () => {
    const { cwd, env } = workspace();
    expect((await runAxion(["init"], { cwd, env })).code).toBe(0);
    expect(existsSync(join(cwd, "AXION.md"))).toBe(true);
    expect(JSON.parse(readFileSync(join(cwd, ".axion", "settings.json"), "utf8"))).toMatchObject({ permissions: { defaultMode: "prompt" } });
    writeFileSync(join(cwd, "AXION.md"), "mine\n");
    await runAxion(["init"], { cwd, env });
    expect(readFileSync(join(cwd, "AXION.md"), "utf8")).toBe("mine\n");
  }, 60_000);

  it("agents and skills list what the folder defines", async () => {
    const { cwd, env } = workspace();
    mkdirSync(join(cwd, ".claude", "agents"), { recursive: true });
    writeFileSync(join(cwd, ".claude", "agents", "reviewer.md"), "---\nname: reviewer\ndescription: Reviews diffs\ntools: Read, Grep\n---\nYou review code.\n");
    mkdirSync(join(cwd, ".axion", "skills", "release"), { recursive: true });
    writeFileSync(join(cwd, ".axion", "skills", "release", "SKILL.md"), "---\nname: release\ndescription: Cut a release\n---\nSteps.\n");
    expect((await runAxion(["agents"], { cwd, env })).stdout).toContain("reviewer");
    expect((await runAxion(["skills"], { cwd, env })).stdout).toContain("release");
  }, 60_000);
});
