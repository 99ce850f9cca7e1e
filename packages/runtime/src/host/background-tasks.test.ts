import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ToolError } from "../tool-error.js";
import { BackgroundTasks, startBackgroundCommand } from "./background-tasks.js";

let directory: string;
let tasks: BackgroundTasks;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "axion-background-test-"));
  tasks = new BackgroundTasks({ logDirectory: directory });
});

afterEach(async () => {
  tasks.killAll("SIGKILL");
  await rm(directory, { recursive: true, force: true });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("background commands", () => {
  it("returns at once with an id and pid and logs both streams to a file", async () => {
    const started = Date.now();
    const task = await tasks.start("echo out; echo err >&2; sleep 0.2; echo late", { cwd: directory });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(task.id).toMatch(/^bg-[0-9a-f]{8}$/);
    expect(task.pid).toBeGreaterThan(0);
    expect(task.logPath).toBe(join(directory, `${task.id}.log`));
    await waitFor(() => !task.running);
    expect(task.exitCode).toBe(0);
    expect(await tasks.read(task.id)).toBe("out\nerr\nlate\n");
    expect(await tasks.read(task.id, { maxBytes: 5 })).toBe("late\n");
    expect(tasks.list()).toEqual([task]);
  });

  it("kills the whole process group", async () => {
    const task = await tasks.start("sleep 30 & echo $! > child.pid; wait", { cwd: directory });
    await waitFor(async () => (await readFile(join(directory, "child.pid"), "utf8").catch(() => "")).trim() !== "");
    const child = Number((await readFile(join(directory, "child.pid"), "utf8")).trim());
    expect(tasks.kill(task.id)).toBe(true);
    await waitFor(() => !task.running);
    expect(task.exitSignal).toBe("SIGTERM");
    await waitFor(() => {
      try {
        process.kill(child, 0);
        return false;
      } catch {
        return true;
      }
    });
    expect(tasks.kill(task.id)).toBe(false);
  });

  it("killAll stops every running task", async () => {
    const first = await tasks.start("sleep 30", { cwd: directory });
    const second = await tasks.start("sleep 30", { cwd: directory });
    tasks.killAll();
    await waitFor(() => !first.running && !second.running);
  });

  it("uses a log folder under the OS temp dir by default", async () => {
    const task = await startBackgroundCommand("true", { cwd: directory });
    expect(task.logPath.startsWith(tmpdir())).toBe(true);
    await waitFor(() => !task.running);
  });

  it("names unknown ids and a missing cwd", async () => {
    await expect(tasks.read("bg-nope")).rejects.toThrow("No background task with id bg-nope");
    const error = await tasks.start("true", { cwd: join(directory, "missing") }).catch((caught: unknown) => caught);
    expect(ToolError.isInstance(error)).toBe(true);
  });
});
