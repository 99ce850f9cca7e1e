// Real paths and hostile tool input: the built binary against @axion/mock-llm, with hostile tool calls
// scripted as the model's, real symlinks and hard links, and files outside the workspace that must stay
// untouched.
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runAxion, testWorkspace } from "../test-support/run-axion.js";

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());

/** A workspace with a sibling folder `outside/` that no call below may change. */
function workspace() {
  const made = testWorkspace(mock.baseUrl, { prefix: "axion-paths-" });
  const outside = join(dirname(made.cwd), "outside");
  mkdirSync(outside);
  return { ...made, outside };
}

interface JsonResult {
  message: string;
  tool_results: { tool_name?: string; output: string; is_error: boolean }[];
}

/** The text of the tool results sent back to the model in the last request. */
function lastToolResults(): string {
  const body = mock.requests.at(-1)?.body as { messages: { content: unknown }[] };
  return JSON.stringify(body.messages.at(-1)?.content);
}

describe("real paths", () => {
  it("refuses a Write through a dangling symlink in workspace-write: the outside path stays absent", async () => {
    const { cwd, env, outside } = workspace();
    symlinkSync(join(outside, "new.txt"), join(cwd, "dl"));
    mock.script([
      { toolCalls: [{ id: "toolu_1", name: "Write", input: { file_path: "dl", content: "planted" } }] },
      { text: ["The write was refused."] },
    ]);
    const run = await runAxion(["--permission-mode", "workspace-write", "-p", "write dl"], { cwd, env });
    expect(run.code).toBe(0);
    const message = `dl is a symlink to ${join(outside, "new.txt")}, which does not exist; refusing to follow it`;
    expect(run.stderr).toContain("⎿ Error: dl is a symlink to");
    expect(lastToolResults()).toContain(message);
    expect(existsSync(join(outside, "new.txt"))).toBe(false);
    expect(run.stdout).toBe("The write was refused.\n");
  });

  it("refuses Write and Edit of a file hard-linked to an outside file: the outside file is unchanged", async () => {
    const { cwd, env, outside } = workspace();
    writeFileSync(join(outside, "target.txt"), "outside content\n");
    linkSync(join(outside, "target.txt"), join(cwd, "hard.txt"));
    mock.script([
      {
        toolCalls: [
          { id: "toolu_1", name: "Write", input: { file_path: "hard.txt", content: "changed" } },
          { id: "toolu_2", name: "Edit", input: { file_path: "hard.txt", old_string: "outside", new_string: "inside" } },
        ],
      },
      { text: ["Both were refused."] },
    ]);
    const run = await runAxion(["--permission-mode", "workspace-write", "--output-format", "json", "-p", "change hard.txt"], { cwd, env });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonResult;
    expect(json.tool_results.map((result) => result.is_error)).toEqual([true, true]);
    for (const result of json.tool_results) {
      expect(result.output).toBe("hard.txt has 1 other hard link (names that may be outside the workspace); refusing to write it below danger-full-access");
    }
    expect(readFileSync(join(outside, "target.txt"), "utf8")).toBe("outside content\n");
  });

  it("replaces an edited file atomically: a new inode, the 0755 mode kept, no temporary file left", async () => {
    const { cwd, env } = workspace();
    const script = join(cwd, "run.sh");
    writeFileSync(script, "#!/bin/sh\necho old\n");
    chmodSync(script, 0o755);
    const before = statSync(script).ino;
    mock.script([
      {
        toolCalls: [
          { id: "toolu_1", name: "Read", input: { file_path: "run.sh" } },
          { id: "toolu_2", name: "Edit", input: { file_path: "run.sh", old_string: "echo old", new_string: "echo new" } },
          { id: "toolu_3", name: "Write", input: { file_path: "notes/new.txt", content: "fresh\n" } },
        ],
      },
      { text: ["Edited."] },
    ]);
    const run = await runAxion(["--permission-mode", "workspace-write", "--output-format", "json", "-p", "edit run.sh"], { cwd, env });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonResult).tool_results.map((result) => result.is_error)).toEqual([false, false, false]);
    expect(readFileSync(script, "utf8")).toBe("#!/bin/sh\necho new\n");
    expect(statSync(script).mode & 0o7777).toBe(0o755);
    expect(statSync(script).ino).not.toBe(before);
    expect(statSync(join(cwd, "notes/new.txt")).mode & 0o777).toBe(0o666 & ~process.umask());
    expect(readdirSync(cwd).filter((name) => name.includes("axion-tmp"))).toEqual([]);
    expect(readdirSync(join(cwd, "notes"))).toEqual(["new.txt"]);
  });
});

describe("hostile input is an is_error result, never a crash", () => {
  it("answers a NUL byte in a path with exit 0 and an is_error result", async () => {
    const { cwd, env } = workspace();
    mock.script([
      {
        toolCalls: [
          { id: "toolu_1", name: "Read", input: { file_path: "notes\u0000.txt" } },
          { id: "toolu_2", name: "Write", input: { file_path: "a\u0000b", content: "x" } },
        ],
      },
      { text: ["Both paths were invalid."] },
    ]);
    const run = await runAxion(["--permission-mode", "workspace-write", "--output-format", "json", "-p", "read it"], { cwd, env });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonResult;
    expect(json.message).toBe("Both paths were invalid.");
    expect(json.tool_results).toEqual([
      expect.objectContaining({ is_error: true, output: 'Invalid path "notes\\u0000.txt": it contains a NUL byte' }),
      expect.objectContaining({ is_error: true, output: 'Invalid path "a\\u0000b": it contains a NUL byte' }),
    ]);
  });

  it("answers an over-long path, a symlink loop and a 10 MB command with is_error results", async () => {
    const { cwd, env } = workspace();
    symlinkSync("loop-b", join(cwd, "loop-a"));
    symlinkSync("loop-a", join(cwd, "loop-b"));
    const hugeCommand = { command: `echo ${"a".repeat(10 * 1024 * 1024)}` };
    mock.script([
      {
        toolCalls: [
          { id: "toolu_1", name: "Write", input: { file_path: "n".repeat(300), content: "x" } },
          { id: "toolu_2", name: "Read", input: { file_path: "loop-a" } },
          // one chunk: the mock would otherwise split 10 MB by code points, which alone takes seconds
          { id: "toolu_3", name: "Bash", input: hugeCommand, chunks: [JSON.stringify(hugeCommand)] },
        ],
      },
      { text: ["All three failed."] },
    ]);
    const run = await runAxion(["--permission-mode", "danger-full-access", "--output-format", "json", "-p", "go"], { cwd, env, timeoutMs: 60_000 });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonResult;
    expect(json.tool_results.map((result) => result.is_error)).toEqual([true, true, true]);
    const [long, loop, huge] = json.tool_results.map((result) => result.output);
    expect(long).toMatch(/^Path is too long: /);
    expect(loop).toBe(`Too many levels of symbolic links: ${join(cwd, "loop-a")}`);
    expect(huge).toBe("Invalid input for Bash: command: too long to run (10485765 bytes; a command may have at most 131071); write a script file and run that");
    for (const output of [long, loop, huge]) expect(output).not.toContain("\n");
  }, 90_000);
});

describe("Grep and Glob leave denied files out", () => {
  function withSecrets() {
    const made = workspace();
    mkdirSync(join(made.cwd, "secrets"));
    writeFileSync(join(made.cwd, "secrets", "key.txt"), "token = HUNTER2-SECRET\n");
    writeFileSync(join(made.cwd, "notes.txt"), "token = see the vault\n");
    symlinkSync(join(made.cwd, "secrets"), join(made.cwd, "peek"));
    writeFileSync(join(made.home, "config", "settings.json"), JSON.stringify({ permissions: { deny: ["Read(./secrets/**)"] } }));
    return made;
  }

  it("does not show the secret file's content to a Grep with no path, in any output mode", async () => {
    const { cwd, env } = withSecrets();
    mock.script([
      {
        toolCalls: [
          { id: "toolu_1", name: "Grep", input: { pattern: "token", output_mode: "content" } },
          { id: "toolu_2", name: "Grep", input: { pattern: "token" } },
          { id: "toolu_3", name: "Grep", input: { pattern: "token", output_mode: "count" } },
        ],
      },
      { text: ["Searched."] },
    ]);
    const run = await runAxion(["--output-format", "json", "-p", "find the token"], { cwd, env });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonResult;
    expect(json.tool_results.map((result) => result.output)).toEqual([
      "notes.txt:1:token = see the vault\n(1 result hidden by permission rules)",
      "Found 1 file\nnotes.txt\n(1 result hidden by permission rules)",
      "notes.txt:1\n(1 result hidden by permission rules)",
    ]);
    expect(lastToolResults()).not.toContain("HUNTER2");
    expect(run.stderr).not.toContain("HUNTER2");
  });

  it("leaves the secret file out of Glob, also through a symlink to the denied folder", async () => {
    const { cwd, env } = withSecrets();
    mock.script([
      {
        toolCalls: [
          { id: "toolu_1", name: "Glob", input: { pattern: "**/*.txt" } },
          { id: "toolu_2", name: "Grep", input: { pattern: "token", path: "peek", output_mode: "content" } },
        ],
      },
      { text: ["Listed."] },
    ]);
    const run = await runAxion(["--output-format", "json", "-p", "list text files"], { cwd, env });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonResult;
    expect(json.tool_results[0]!.output).toBe("notes.txt\n(1 result hidden by permission rules)");
    expect(json.tool_results[1]!.output).not.toContain("HUNTER2");
    expect(lastToolResults()).not.toContain("HUNTER2");
  });
});
