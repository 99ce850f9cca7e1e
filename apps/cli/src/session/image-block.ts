import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { ImageBlock } from "@axion/api";

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
};

/** An image file as a base64 image block for the next user message. */
export async function imageBlockFromFile(path: string): Promise<ImageBlock> {
  const mediaType = MEDIA_TYPES[extname(path).toLowerCase()];
  if (mediaType === undefined) throw new Error(`${path}: not a PNG, JPEG, GIF or WebP image`);
  const data = (await readFile(path)).toString("base64");
  return { type: "image", source: { type: "base64", media_type: mediaType, data } };
}
