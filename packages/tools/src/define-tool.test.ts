import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool } from "./define-tool.js";
import { createTestWorkspace } from "./test-support/workspace.js";

const readLike = defineTool({
  name: "ReadLike",
  description: "Reads a file",
  inputSchema: z.object({
    file_path: z.string().describe("Path of the file to read"),
    offset: z.number().int().positive().optional().describe("1-based line to start at"),
  }),
  requiredPermission: "read-only",
  permissionSubject: (input) => input.file_path,
  touchedPaths: (input) => [{ path: input.file_path, access: "read" }],
  execute: async (input, context) => `${context.cwd}|${input.file_path}|${input.offset ?? "none"}`,
});

describe("defineTool", () => {
  it("advertises a closed JSON schema with the field descriptions", () => {
    expect(readLike.inputSchema).toEqual({
      type: "object",
      properties: {
        file_path: { type: "string", description: "Path of the file to read" },
        offset: { type: "integer", exclusiveMinimum: 0, description: "1-based line to start at" },
      },
      required: ["file_path"],
      additionalProperties: false,
    });
  });

  it("closes nested objects too", () => {
    const nested = defineTool({
      name: "Nested",
      description: "nested",
      inputSchema: z.object({ todos: z.array(z.object({ content: z.string().describe("c") })).describe("t") }),
      requiredPermission: "read-only",
      execute: async () => "ok",
    });
    const items = (nested.inputSchema["properties"] as Record<string, { items: Record<string, unknown> }>)["todos"]!.items;
    expect(items["additionalProperties"]).toBe(false);
  });

  it("validates and names each wrong, missing or unknown field", () => {
    expect(readLike.validate({ file_path: "x" })).toEqual({ ok: true, value: { file_path: "x" } });
    expect(readLike.validate({ offset: 0, extra: 1 })).toEqual({
      ok: false,
      error: "Invalid input for ReadLike: file_path: required; offset: Too small: expected number to be >0; extra: unknown field",
    });
    expect(readLike.validate({ file_path: 3 })).toEqual({
      ok: false,
      error: "Invalid input for ReadLike: file_path: Invalid input: expected string, received number",
    });
    expect(readLike.validate("nope")).toMatchObject({ ok: false, error: expect.stringContaining("input: Invalid input: expected object") });
  });

  it("runs execute with the context and wraps a string result", async () => {
    const workspace = await createTestWorkspace();
    try {
      await expect(readLike.execute({ file_path: "a.txt", offset: 2 }, workspace.context())).resolves.toEqual({
        content: `${workspace.root}|a.txt|2`,
      });
      await expect(readLike.execute({ file_path: 1 }, workspace.context())).rejects.toThrow("file_path");
    } finally {
      await workspace.cleanup();
    }
  });

  it("exposes the permission subject, touched paths and parallel flag", () => {
    expect(readLike.requiredPermission).toBe("read-only");
    expect(readLike.permissionSubject?.({ file_path: "src/a.ts" })).toBe("src/a.ts");
    expect(readLike.touchedPaths?.({ file_path: "src/a.ts" })).toEqual([{ path: "src/a.ts", access: "read" }]);
    expect(readLike.parallel).toBeUndefined();
    const parallel = defineTool({
      name: "P",
      description: "p",
      inputSchema: z.object({}),
      requiredPermission: "read-only",
      parallel: true,
      execute: async () => "",
    });
    expect(parallel.parallel).toBe(true);
  });
});
