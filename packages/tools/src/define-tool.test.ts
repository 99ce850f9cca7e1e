import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool, parseToolInput } from "./define-tool.js";

const readLike = defineTool<{ file_path: string; offset?: number | undefined }, { cwd: string }>({
  name: "Read",
  description: "Reads a file",
  inputSchema: z.object({
    file_path: z.string().describe("Path of the file to read"),
    offset: z.number().int().positive().optional().describe("1-based line to start at"),
  }),
  requiredPermission: "read-only",
  execute: async (input, context) => `${context.cwd}/${input.file_path}`,
});

describe("defineTool", () => {
  it("derives a closed JSON schema with the field descriptions", () => {
    const schema = readLike.jsonSchema;
    expect(schema["type"]).toBe("object");
    expect(schema["additionalProperties"]).toBe(false);
    expect(schema["required"]).toEqual(["file_path"]);
    expect((schema["properties"] as Record<string, { description: string }>)["file_path"]?.description).toBe("Path of the file to read");
    expect(schema["$schema"]).toBeUndefined();
  });

  it("closes nested objects too", () => {
    const nested = defineTool<{ todos: { content: string }[] }, unknown>({
      name: "TodoWrite",
      description: "todos",
      inputSchema: z.object({ todos: z.array(z.object({ content: z.string() })) }),
      requiredPermission: "read-only",
      execute: async () => "ok",
    });
    const items = (nested.jsonSchema["properties"] as Record<string, { items: Record<string, unknown> }>)["todos"]!.items;
    expect(items["additionalProperties"]).toBe(false);
  });

  it("runs execute with the context", async () => {
    await expect(readLike.execute({ file_path: "a.txt" }, { cwd: "/w" })).resolves.toBe("/w/a.txt");
  });
});

describe("parseToolInput", () => {
  it("accepts valid input", () => {
    expect(parseToolInput(readLike, { file_path: "x" })).toEqual({ ok: true, value: { file_path: "x" } });
  });

  it("names the wrong field", () => {
    const result = parseToolInput(readLike, { file_path: 3, offset: -1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(/^Invalid input for Read: /);
      expect(result.error).toContain("file_path:");
      expect(result.error).toContain("offset:");
    }
  });
});
