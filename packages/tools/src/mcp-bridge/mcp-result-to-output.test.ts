import { describe, expect, it } from "vitest";
import { mcpResultToToolOutput, resourceContentsToParts } from "./mcp-result-to-output.js";

describe("mcpResultToToolOutput", () => {
  it("joins text blocks into one string and keeps isError", () => {
    expect(mcpResultToToolOutput({ content: [{ type: "text", text: "a" }, { type: "text", text: "b" }], isError: true })).toEqual({
      content: "a\nb",
      isError: true,
    });
    expect(mcpResultToToolOutput({ content: [] })).toEqual({ content: "" });
  });

  it("keeps images as image parts and describes what the model cannot take", () => {
    const output = mcpResultToToolOutput({
      content: [
        { type: "image", data: "iVBORw0KGgo=", mimeType: "image/png" },
        { type: "image", data: "AAAA", mimeType: "image/svg+xml" },
        { type: "audio", data: "AAAAAAAA", mimeType: "audio/wav" },
      ],
    });
    expect(output.content).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
      { type: "text", text: "[image (image/svg+xml), 3 bytes, not shown: unsupported image type]" },
      { type: "text", text: "[audio (audio/wav), 6 bytes, not shown]" },
    ]);
  });

  it("writes resource links and embedded resources as text", () => {
    const output = mcpResultToToolOutput({
      content: [
        { type: "resource_link", uri: "file:///a.txt", name: "a.txt", mimeType: "text/plain", description: "first file" },
        { type: "resource", resource: { uri: "file:///b.txt", mimeType: "text/plain", text: "contents of b" } },
        { type: "resource", resource: { uri: "file:///c.bin", mimeType: "application/zip", blob: "UEsDBA==" } },
      ],
    });
    expect(output.content).toBe(
      [
        "Resource link: a.txt <file:///a.txt> (text/plain, first file)",
        "Resource file:///b.txt (text/plain):\ncontents of b",
        "[binary resource file:///c.bin (application/zip), 4 bytes, not shown]",
      ].join("\n"),
    );
  });

  it("adds structuredContent as JSON unless a text block already carries it", () => {
    expect(mcpResultToToolOutput({ content: [], structuredContent: { temperature: 21 } })).toEqual({ content: '{\n  "temperature": 21\n}' });
    expect(mcpResultToToolOutput({ content: [{ type: "text", text: '{"temperature":21}' }], structuredContent: { temperature: 21 } })).toEqual({
      content: '{"temperature":21}',
    });
    expect(mcpResultToToolOutput({ content: [{ type: "text", text: "It is warm." }], structuredContent: { temperature: 21 } }).content).toBe(
      'It is warm.\n{\n  "temperature": 21\n}',
    );
  });

  it("reads the result of servers on the oldest protocol version", () => {
    expect(mcpResultToToolOutput({ content: [], toolResult: { ok: true } })).toEqual({ content: '{\n  "ok": true\n}' });
  });
});

describe("resourceContentsToParts", () => {
  it("shows image blobs as images", () => {
    expect(resourceContentsToParts({ uri: "x://logo", mimeType: "image/jpeg", blob: "/9j/" })).toEqual([
      { type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/" } },
    ]);
  });
});

