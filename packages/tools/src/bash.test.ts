import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BackgroundTasks } from "@axion/runtime";
import { BASH_MAX_COMMAND_BYTES, bashTool } from "./bash.js";
import type { TestWorkspace } from "./test-support/workspace.js";
import { callTool, createTestWorkspace } from "./test-support/workspace.js";

let workspace: TestWorkspace;

beforeEach(async () => {
  workspace = await createTestWorkspace();
});

afterEach(async () => {
  await workspace.cleanup();
});

describe("Bash", () => {
  it("returns stdout exactly (parity)", async () => {
    const result = await callTool(bashTool, { command: "printf 'alpha from bash'", timeout: 1000 }, workspace.context());
    expect(result).toMatchObject({ text: "alpha from bash", isError: false });
  });

  it("runs in the workspace root", async () => {
    expect((await callTool(bashTool, { command: "pwd" }, workspace.context())).text).toBe(workspace.root);
  });

  it("adds STDERR and a non-zero exit code, and marks the result as an error", async () => {
    const result = await callTool(bashTool, { command: "echo out; echo oops >&2; exit 4" }, workspace.context());
    expect(result).toMatchObject({ text: "out\nSTDERR:\noops\nExit code: 4", isError: true });
  });

  it("says when there is no output", async () => {
    expect((await callTool(bashTool, { command: "true" }, workspace.context())).text).toBe("(no output)");
  });

  it("reports a timeout and kills the command", async () => {
    const started = Date.now();
    const result = await callTool(bashTool, { command: "echo started; sleep 30", timeout: 300 }, workspace.context());
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ text: "started\n(Command timed out after 300 ms)", isError: true });
  });

  it("keeps the first and last 8 KiB of each stream with the bytes cut between them, so a final error is seen", async () => {
    const command = "head -c 40000 /dev/zero | tr '\\0' z; echo; echo 'error: build failed' >&2; head -c 30000 /dev/zero | tr '\\0' y >&2; echo >&2; echo 'error TS2322: at the end' >&2; exit 2";
    const result = await callTool(bashTool, { command }, workspace.context());
    const stdoutTail = `${"z".repeat(8_191)}`;
    const stderrHead = `error: build failed\n${"y".repeat(8_192 - "error: build failed\n".length)}`;
    const stderrTail = `${"y".repeat(8_192 - "\nerror TS2322: at the end\n".length)}\nerror TS2322: at the end`;
    expect(result.text).toBe(
      [
        `${"z".repeat(8_192)}`,
        `[… ${40_001 - 16_384} bytes cut …]`,
        stdoutTail,
        "STDERR:",
        stderrHead,
        `[… ${"error: build failed\n".length + 30_001 + "error TS2322: at the end\n".length - 16_384} bytes cut …]`,
        stderrTail,
        "Exit code: 2",
      ].join("\n"),
    );
    expect(result.isError).toBe(true);
    expect(result.output?.display).toMatchObject({ stdoutTruncated: true, stderrTruncated: true });
  });

  it("stops when the call is aborted", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await callTool(bashTool, { command: "sleep 30" }, workspace.context({ signal: controller.signal }));
    expect(result).toMatchObject({ text: "(Command was interrupted)", isError: true });
  });

  it("starts background commands through the host's task registry", async () => {
    const tasks = new BackgroundTasks({ logDirectory: workspace.outside });
    try {
      const result = await callTool(
        bashTool,
        { command: "echo from-background", run_in_background: true, description: "print a word" },
        workspace.context({ services: { backgroundTasks: tasks } }),
      );
      const match = /^Background task started: (bg-[0-9a-f]{8}) \(PID: (\d+)\); output: (.+)$/.exec(result.text);
      expect(match).not.toBeNull();
      const task = tasks.get(match![1]!)!;
      expect(task.pid).toBe(Number(match![2]));
      expect(task.logPath).toBe(match![3]);
      for (let attempt = 0; attempt < 100 && task.running; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await readFile(task.logPath, "utf8")).toBe("from-background\n");
    } finally {
      tasks.killAll("SIGKILL");
    }
  });

  it("refuses run_in_background when the host has no task registry", async () => {
    const result = await callTool(bashTool, { command: "true", run_in_background: true }, workspace.context());
    expect(result).toMatchObject({ isError: true, errorCode: "service_missing" });
  });

  it("rejects bad input naming the field", async () => {
    expect((await callTool(bashTool, { command: "true", timeout: 600_001 }, workspace.context())).text).toContain("timeout: Too big");
    expect((await callTool(bashTool, { timeout: 5 }, workspace.context())).text).toBe("Invalid input for Bash: command: required");
  });

  it("needs danger-full-access and matches rules against the command", () => {
    expect(bashTool.requiredPermission).toBe("danger-full-access");
    expect(bashTool.permissionSubject?.({ command: "git status" })).toBe("git status");
  });

  it("answers a NUL byte and a 10 MB command with one-line error results", async () => {
    const nul = await callTool(bashTool, { command: "echo a\0b" }, workspace.context());
    expect(nul).toMatchObject({ isError: true, text: "Cannot run the command: it contains a NUL byte, which no shell command can hold" });
    const huge = await callTool(bashTool, { command: `echo ${"a".repeat(10 * 1024 * 1024)}` }, workspace.context());
    expect(huge).toMatchObject({
      isError: true,
      text: "Invalid input for Bash: command: too long to run (10485765 bytes; a command may have at most 131071); write a script file and run that",
    });
    // the longest command that fits still runs
    const longest = await callTool(bashTool, { command: `: ${"a".repeat(BASH_MAX_COMMAND_BYTES - 12)}; echo ok` }, workspace.context());
    expect(longest).toMatchObject({ isError: false, text: "ok" });
  });
});
