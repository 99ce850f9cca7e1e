import type { ImageBlock, ToolResultBlock } from "../message-model.js";

/** A tool result as plain text, for wire formats without structured results: JSON parts become JSON text. */
export function toolResultText(block: ToolResultBlock): string {
  if (typeof block.content === "string") return block.content;
  return block.content
    .filter((part) => part.type !== "image")
    .map((part) => (part.type === "text" ? part.text : JSON.stringify(part.value)))
    .join("\n");
}

/** The images inside a tool result. */
export function toolResultImages(block: ToolResultBlock): ImageBlock[] {
  if (typeof block.content === "string") return [];
  return block.content.filter((part): part is ImageBlock => part.type === "image");
}

export function imageDataUrl(image: ImageBlock): string {
  return `data:${image.source.media_type};base64,${image.source.data}`;
}

/** The system prompt as one string. */
export function systemText(system: string | { text: string }[] | undefined): string | undefined {
  if (system === undefined) return undefined;
  const text = typeof system === "string" ? system : system.map((block) => block.text).join("\n\n");
  return text === "" ? undefined : text;
}
