import type { ContentBlock, Message } from "@axion/api";

/** Tokens counted for an image, whatever its size. */
export const IMAGE_TOKEN_ESTIMATE = 1_500;

/**
 * A rough token count: (characters of text + JSON of tool inputs and results) / 4, plus 1 500 per image.
 * Used to decide on compaction before the provider reports real numbers.
 */
export function estimateTokens(messages: readonly Message[]): number {
  let characters = 0;
  let images = 0;
  for (const message of messages) {
    if (typeof message.content === "string") {
      characters += message.content.length;
      continue;
    }
    for (const block of message.content) {
      const counted = countBlock(block);
      characters += counted.characters;
      images += counted.images;
    }
  }
  return Math.ceil(characters / 4) + images * IMAGE_TOKEN_ESTIMATE;
}

function countBlock(block: ContentBlock): { characters: number; images: number } {
  switch (block.type) {
    case "text":
      return { characters: block.text.length, images: 0 };
    case "image":
      return { characters: 0, images: 1 };
    case "tool_use":
      return { characters: block.name.length + JSON.stringify(block.input).length, images: 0 };
    case "tool_result": {
      if (typeof block.content === "string") return { characters: block.content.length, images: 0 };
      let characters = 0;
      let images = 0;
      for (const part of block.content) {
        if (part.type === "text") characters += part.text.length;
        else if (part.type === "json") characters += (JSON.stringify(part.value) ?? "").length;
        else images += 1;
      }
      return { characters, images };
    }
    case "thinking":
      return { characters: block.thinking.length, images: 0 };
    case "redacted_thinking":
      return { characters: block.data.length, images: 0 };
    case "unknown":
      return { characters: JSON.stringify(block.raw).length, images: 0 };
  }
}
