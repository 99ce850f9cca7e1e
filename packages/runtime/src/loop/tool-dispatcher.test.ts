import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createToolContext } from "../host/tool-context.js";
import type { RuntimeTool, ToolContext, ToolOutput } from "../tool-contract.js";
import { ToolDispatcher, type ToolCall } from "./tool-dispatcher.js";

// Hostile input meets the real host here: a real workspace, the real workspace filesystem and `exec`.

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function tool(name: string, schema: z.ZodType, run: (input: never, context: ToolContext) => Promise<ToolOutput>, extra: Partial<RuntimeTool> = {}): RuntimeTool {
  return {
    name,
    description: name,
    inputSchema: { type: "object" },
    requiredPermission: "read-only",
    validate(input) {
      const parsed = schema.safeParse(input);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: `Invalid input for ${name}` };
    },
    execute: (input, context) => run(input as never, context),
    ...extra,
  };
}

/** Reads through the scoped filesystem, without declaring the path up front (so the tool itself meets the error). */
const readTool = tool("ReadRaw", z.object({ file_path: z.string() }), async (input: { file_path: string }, context) => ({
  content: (await context.fs.readFile(input.file_path)).toString(),
}));
/** Opens a path with no workspace scoping at all (the host error reaches the dispatcher untouched). */
const rawOpen = tool("RawOpen", z.object({ file_path: z.string() }), async (input: { file_path: string }) => {
  const { readFile } = await import("node:fs/promises");
  return { content: (await readFile(input.file_path)).toString() };
});
const writeTool = tool(
  "WriteScoped",
  z.object({ file_path: z.string() }),
  async (input: { file_path: string }, context) => {
    await context.fs.writeFile(input.file_path, "x");
    return { content: "written" };
  },
  { touchedPaths: (input) => [{ path: (input as { file_path: string }).file_path, access: "write" }] },
);
const runTool = tool("Run", z.object({ command: z.string() }), async (input: { command: string }, context) => {
  const result = await context.exec(input.command);
  return { content: result.stdout };
});
/** Validation that walks the whole input, as a JSON Schema validator does. */
const walking = tool("Walk", z.unknown(), async () => ({ content: "ok" }), {
  validate: (input) => ({ ok: true, value: JSON.parse(JSON.stringify(input)) as unknown }),
});
const walkingExecute = tool("WalkLater", z.unknown(), async (input: unknown) => ({ content: JSON.stringify(input) }));
const buggy = tool("Buggy", z.object({}), async () => {
  throw new TypeError("Cannot read properties of undefined (reading 'x')");
});

function dispatcher() {
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), "axion-dispatch-")));
  roots.push(cwd);
  const all = [readTool, rawOpen, writeTool, runTool, walking, walkingExecute, buggy];
  return new ToolDispatcher({
    tools: { list: () => all, get: (name) => all.find((candidate) => candidate.name === name) },
    permissions: { check: async () => ({ allowed: true, reason: "allowed" }) },
    cwd,
    permissionMode: () => "workspace-write",
    createContext: (call, signal) => createToolContext({ cwd, permissionMode: "workspace-write", toolUseId: call.id, signal, env: { PATH: process.env["PATH"] } }),
  });
}

function call(name: string, input: Record<string, unknown>): ToolCall {
  return { id: "toolu_1", name, input, inputJson: "" };
}

function nested(depth: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < depth; level += 1) value = [value];
  return value;
}

async function errorText(name: string, input: Record<string, unknown>): Promise<string> {
  const result = await dispatcher().dispatch(call(name, input), new AbortController().signal);
  expect(result.isError).toBe(true);
  expect(result.block.is_error).toBe(true);
  expect(result.text).not.toContain("\n");
  expect(result.text.length).toBeLessThan(500);
  return result.text;
}

describe("ToolDispatcher with hostile input", () => {
  it("answers a NUL byte in a path with an is_error result", async () => {
    expect(await errorText("ReadRaw", { file_path: "a\0b" })).toBe('Invalid path "a\\u0000b": it contains a NUL byte');
    expect(await errorText("WriteScoped", { file_path: "a\0b" })).toBe('Invalid path "a\\u0000b": it contains a NUL byte');
    expect(await errorText("RawOpen", { file_path: "/tmp/a\0b" })).toMatch(/^RawOpen failed: The argument 'path' must be a string, Uint8Array, or URL without null bytes/);
  });

  it("answers an over-long path with an is_error result", async () => {
    expect(await errorText("ReadRaw", { file_path: "n".repeat(5000) })).toMatch(/^Path is too long: .*\(\d+ characters; a name may have 255 bytes, a path 4096\)$/);
    expect(await errorText("RawOpen", { file_path: `/tmp/${"n".repeat(300)}` })).toMatch(/^RawOpen failed: ENAMETOOLONG: name too long, open '\/tmp\/n+/);
  });

  it("answers a NUL byte and a 10 MB command with is_error results", async () => {
    expect(await errorText("Run", { command: "echo a\0b" })).toBe("Cannot run the command: it contains a NUL byte, which no shell command can hold");
    expect(await errorText("Run", { command: `echo ${"a".repeat(10 * 1024 * 1024)}` })).toMatch(
      /^Cannot run the command: it is too long for the system \(10485765 bytes; one argument may hold 128 KiB/,
    );
  });

  it("answers input nested 100 000 levels deep with an is_error result", async () => {
    expect(await errorText("Walk", { x: nested(100_000) })).toBe("Invalid input for Walk: the input is nested too deeply to process");
    expect(await errorText("WalkLater", { x: nested(100_000) })).toBe("WalkLater failed: the input is nested too deeply to process");
  });

  it("still lets a programming error in a tool propagate", async () => {
    await expect(dispatcher().dispatch(call("Buggy", {}), new AbortController().signal)).rejects.toThrow(TypeError);
  });
});
