import type { McpCallToolResult, McpContent, McpResourceContents } from "@axion/mcp";
import type { ToolOutput, ToolResultPart } from "@axion/runtime";

/**
 * Maps an MCP `tools/call` result to a tool output: text stays text, an image becomes an image part, a resource
 * link becomes a text line, an embedded resource becomes its text, `structuredContent` becomes JSON text (unless a
 * text block already carries the same JSON), and `isError` becomes `isError`.
 */
export function mcpResultToToolOutput(result: McpCallToolResult): ToolOutput {
  const parts: ToolResultPart[] = [];
  for (const block of result.content ?? []) parts.push(...contentToParts(block));
  if (result.structuredContent !== undefined && !hasSameJsonText(parts, result.structuredContent)) {
    parts.push({ type: "text", text: JSON.stringify(result.structuredContent, null, 2) });
  }
  if ((result.content ?? []).length === 0 && result.toolResult !== undefined) {
    parts.push({ type: "text", text: typeof result.toolResult === "string" ? result.toolResult : JSON.stringify(result.toolResult, null, 2) });
  }
  const output: ToolOutput = { content: collapse(parts) };
  if (result.isError === true) output.isError = true;
  return output;
}

/** Text and image parts for resource contents (`resources/read` or an embedded resource). */
export function resourceContentsToParts(contents: McpResourceContents): ToolResultPart[] {
  if ("text" in contents) return [{ type: "text", text: contents.text }];
  const mimeType = contents.mimeType ?? "application/octet-stream";
  if (isModelImage(mimeType)) return [{ type: "image", source: { type: "base64", media_type: mimeType, data: contents.blob } }];
  return [{ type: "text", text: `[binary resource ${contents.uri} (${mimeType}), ${base64Bytes(contents.blob)} bytes, not shown]` }];
}

function contentToParts(block: McpContent): ToolResultPart[] {
  switch (block.type) {
    case "text":
      return [{ type: "text", text: block.text }];
    case "image":
      if (isModelImage(block.mimeType)) return [{ type: "image", source: { type: "base64", media_type: block.mimeType, data: block.data } }];
      return [{ type: "text", text: `[image (${block.mimeType}), ${base64Bytes(block.data)} bytes, not shown: unsupported image type]` }];
    case "audio":
      return [{ type: "text", text: `[audio (${block.mimeType}), ${base64Bytes(block.data)} bytes, not shown]` }];
    case "resource_link": {
      const details = [block.mimeType, block.description].filter(Boolean).join(", ");
      return [{ type: "text", text: `Resource link: ${block.name} <${block.uri}>${details ? ` (${details})` : ""}` }];
    }
    case "resource": {
      const parts = resourceContentsToParts(block.resource);
      if (parts[0]?.type === "text" && "text" in block.resource) {
        return [{ type: "text", text: `Resource ${block.resource.uri}${block.resource.mimeType ? ` (${block.resource.mimeType})` : ""}:\n${block.resource.text}` }];
      }
      return parts;
    }
    default:
      return [{ type: "text", text: `[unsupported MCP content block ${JSON.stringify((block as { type?: unknown }).type)}]` }];
  }
}

/** Text-only output becomes one string (the common case); anything with an image stays a part list. */
function collapse(parts: ToolResultPart[]): string | ToolResultPart[] {
  if (parts.every((part) => part.type === "text")) return parts.map((part) => (part.type === "text" ? part.text : "")).join("\n");
  return parts;
}

function hasSameJsonText(parts: ToolResultPart[], value: unknown): boolean {
  const expected = JSON.stringify(value);
  return parts.some((part) => {
    if (part.type !== "text") return false;
    try {
      return JSON.stringify(JSON.parse(part.text)) === expected;
    } catch {
      return false;
    }
  });
}

const MODEL_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

function isModelImage(mimeType: string): boolean {
  return MODEL_IMAGE_TYPES.has(mimeType.toLowerCase());
}

function base64Bytes(data: string): number {
  const padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}
