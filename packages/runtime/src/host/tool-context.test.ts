import { mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ToolError } from "../tool-error.js";
import { createToolContext } from "./tool-context.js";

let root: string;

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), "axion-tool-context-")));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("createToolContext", () => {
  it("runs commands in the workspace with the context environment", async () => {
    const context = createToolContext({
      cwd: root,
      permissionMode: "workspace-write",
      env: { PATH: process.env["PATH"], FROM_CONTEXT: "yes" },
    });
    const result = await context.exec('pwd; echo "$FROM_CONTEXT $EXTRA"', { env: { EXTRA: "more" } });
    expect(result.stdout).toBe(`${root}\nyes more\n`);
  });

  it("stops commands when the context signal aborts", async () => {
    const controller = new AbortController();
    const context = createToolContext({ cwd: root, permissionMode: "danger-full-access", signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const result = await context.exec("sleep 30");
    expect(result.aborted).toBe(true);
  });

  it("scopes the filesystem to the workspace in the given mode", async () => {
    const context = createToolContext({ cwd: root, permissionMode: "workspace-write", sessionId: "s1", toolUseId: "t1" });
    expect(context).toMatchObject({ cwd: root, sessionId: "s1", toolUseId: "t1", permissionMode: "workspace-write", services: {} });
    await context.fs.writeFile("made/here.txt", "x");
    expect(await readFile(join(root, "made/here.txt"), "utf8")).toBe("x");
    const error = await context.fs.readFile("../elsewhere").catch((caught: unknown) => caught);
    expect(ToolError.isInstance(error)).toBe(true);
  });

  it("hands the permission rules' path check to the tools", () => {
    const asked: string[] = [];
    const context = createToolContext({ cwd: root, permissionMode: "read-only", isPathDenied: (path, tool) => (asked.push(`${tool} ${path}`), path.endsWith(".env")) });
    expect(context.isPathDenied?.(join(root, ".env"), "Grep")).toBe(true);
    expect(context.isPathDenied?.(join(root, "a.ts"), "Glob")).toBe(false);
    expect(asked).toEqual([`Grep ${join(root, ".env")}`, `Glob ${join(root, "a.ts")}`]);
    expect(createToolContext({ cwd: root, permissionMode: "read-only" }).isPathDenied).toBeUndefined();
  });
});
