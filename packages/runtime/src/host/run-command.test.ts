import { mkdtemp, readFile, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ToolError } from "../tool-error.js";
import { runCommand, truncationNotice } from "./run-command.js";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "axion-run-command-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** True while `pid` is a live process (a zombie counts as gone). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}

describe("runCommand", () => {
  it("captures stdout, stderr and the exit code", async () => {
    const result = await runCommand("printf out; printf err >&2; exit 3", { cwd: directory });
    expect(result).toMatchObject({ stdout: "out", stderr: "err", exitCode: 3, timedOut: false, aborted: false });
  });

  it("runs in cwd with exactly the given environment and stdin", async () => {
    const result = await runCommand('pwd; printf "%s|%s\\n" "$GREETING" "${HOME:-unset}"; cat', {
      cwd: directory,
      env: { GREETING: "hi", PATH: process.env["PATH"] ?? "/usr/bin:/bin" },
      stdin: "from stdin",
    });
    expect(result.stdout).toBe(`${directory}\nhi|unset\nfrom stdin`);
    expect(result.exitCode).toBe(0);
  });

  it("hands input over without making bash read ~/.bashrc", async () => {
    const { writeFile } = await import("node:fs/promises");
    await writeFile(join(directory, ".bashrc"), "echo sourced-rc\n");
    const result = await runCommand("cat", {
      cwd: directory,
      env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: directory },
      stdin: "only input",
    });
    expect(result.stdout).toBe("only input");
  });

  it("gives commands an empty stdin when none is passed", async () => {
    const result = await runCommand("cat; echo done", { cwd: directory, timeoutMs: 5_000 });
    expect(result.stdout).toBe("done\n");
  });

  it("kills the command and its grandchild on timeout", async () => {
    const pidFile = join(directory, "pids");
    const started = Date.now();
    const result = await runCommand(`sleep 30 & echo $! > ${pidFile}; echo $$ >> ${pidFile}; sleep 30`, {
      cwd: directory,
      timeoutMs: 400,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe("SIGTERM");
    const pids = (await readFile(pidFile, "utf8")).trim().split("\n").map(Number);
    expect(pids).toHaveLength(2);
    expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 3_000)).toBe(true);
  });

  it("escalates to SIGKILL when the command ignores SIGTERM", async () => {
    const started = Date.now();
    const result = await runCommand("trap '' TERM; sleep 30", { cwd: directory, timeoutMs: 200 });
    const elapsed = Date.now() - started;
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe("SIGKILL");
    expect(elapsed).toBeGreaterThanOrEqual(2_000);
    expect(elapsed).toBeLessThan(6_000);
  });

  it("stops the command group when the signal aborts", async () => {
    const controller = new AbortController();
    const pidFile = join(directory, "pid");
    setTimeout(() => controller.abort(), 300);
    const result = await runCommand(`sleep 30 & echo $! > ${pidFile}; wait`, { cwd: directory, signal: controller.signal });
    expect(result.aborted).toBe(true);
    expect(result.timedOut).toBe(false);
    const grandchild = Number((await readFile(pidFile, "utf8")).trim());
    expect(await waitUntil(() => !isAlive(grandchild), 3_000)).toBe(true);
  });

  it("does not start anything when the signal is already aborted", async () => {
    const marker = join(directory, "ran");
    const result = await runCommand(`touch ${marker}`, { cwd: directory, signal: AbortSignal.abort() });
    expect(result.aborted).toBe(true);
    await expect(readFile(marker)).rejects.toThrow();
  });

  it("returns when the shell exits even if a grandchild keeps the pipes open", async () => {
    const pidFile = join(directory, "pid");
    const started = Date.now();
    const result = await runCommand(`sleep 30 & echo $! > ${pidFile}; echo finished`, { cwd: directory });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.stdout).toBe("finished\n");
    expect(result.exitCode).toBe(0);
    process.kill(Number((await readFile(pidFile, "utf8")).trim()), "SIGKILL");
  });

  it("keeps the head and the tail of a long stream with the bytes cut between them, and flags it", async () => {
    const result = await runCommand("head -c 5000 /dev/zero | tr '\\0' a; echo; echo 'fatal: the error at the end'; head -c 10 /dev/zero | tr '\\0' b >&2", {
      cwd: directory,
      maxOutputBytes: 1000,
    });
    expect(result.stdoutTruncated).toBe(true);
    expect(result.stderrTruncated).toBe(false);
    const tail = `${"a".repeat(500 - "\nfatal: the error at the end\n".length)}\nfatal: the error at the end\n`;
    const cut = 5000 + 1 + "fatal: the error at the end\n".length - 500 - 500;
    expect(result.stdout).toBe(`${"a".repeat(500)}\n${truncationNotice(cut)}\n${tail}`);
    expect(truncationNotice(cut)).toBe(`[… ${cut} bytes cut …]`);
    expect(result.stderr).toBe("b".repeat(10));
  });

  it("keeps a stream exactly as long as the limit whole, in small chunks too", async () => {
    const result = await runCommand("for i in $(seq 1 100); do printf 'abcdefghi\\n'; sleep 0.001; done", { cwd: directory, maxOutputBytes: 1000 });
    expect(result.stdoutTruncated).toBe(false);
    expect(result.stdout).toBe("abcdefghi\n".repeat(100));
    const over = await runCommand("for i in $(seq 1 101); do printf 'abcdefghi\\n'; sleep 0.001; done", { cwd: directory, maxOutputBytes: 1000 });
    expect(over.stdoutTruncated).toBe(true);
    expect(over.stdout).toBe(`${"abcdefghi\n".repeat(50)}${truncationNotice(10)}\n${"abcdefghi\n".repeat(50)}`);
  });

  it("keeps only the head with keep: head", async () => {
    const result = await runCommand("head -c 5000 /dev/zero | tr '\\0' a", { cwd: directory, maxOutputBytes: 1000, keep: "head" });
    expect(result.stdoutTruncated).toBe(true);
    expect(result.stdout).toBe(`${"a".repeat(1000)}\n${truncationNotice(4000)}`);
  });

  it("uses 16 KiB per stream by default", async () => {
    const result = await runCommand("head -c 20000 /dev/zero | tr '\\0' x", { cwd: directory });
    expect(result.stdoutTruncated).toBe(true);
    expect(result.stdout).toBe(`${"x".repeat(8_192)}\n[… ${20_000 - 16_384} bytes cut …]\n${"x".repeat(8_192)}`);
  });

  it("never cuts a UTF-8 character in half, at either end", async () => {
    const head = await runCommand("printf 'aéé'", { cwd: directory, maxOutputBytes: 4, keep: "head" });
    expect(head.stdout).toBe(`aé\n${truncationNotice(2)}`);
    // 8 bytes, 2 kept at each end: the head ends inside the first 'é', the tail starts inside the second
    const both = await runCommand("printf 'aézzéb'", { cwd: directory, maxOutputBytes: 4 });
    expect(both.stdout).toBe(`a\n${truncationNotice(6)}\nb`);
  });

  it("reports a missing cwd as a ToolError", async () => {
    const error = await runCommand("true", { cwd: join(directory, "missing") }).catch((caught: unknown) => caught);
    expect(ToolError.isInstance(error)).toBe(true);
    expect((error as ToolError).message).toContain("missing");
  });

  it("reports a NUL byte and a command too long for the system (E2BIG) as ToolErrors", async () => {
    const nul = await runCommand("echo a\0b", { cwd: directory }).catch((caught: unknown) => caught);
    expect(ToolError.isInstance(nul)).toBe(true);
    expect((nul as ToolError).message).toBe("Cannot run the command: it contains a NUL byte, which no shell command can hold");
    const long = await runCommand(`echo ${"a".repeat(10 * 1024 * 1024)}`, { cwd: directory }).catch((caught: unknown) => caught);
    expect(ToolError.isInstance(long)).toBe(true);
    expect((long as ToolError).code).toBe("command_too_long");
    expect((long as ToolError).message).toMatch(/^Cannot run the command: it is too long for the system \(10485765 bytes;/);
  });
});
