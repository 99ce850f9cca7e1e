import { seededRandom } from "@axion/mock-llm";
/** `text` as UTF-8 bytes cut into chunks of 1..maxChunk bytes (cuts land inside characters too). */
export function randomChunks(text: string | Uint8Array, seed: number, maxChunk = 17): Uint8Array[] {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  const random = seededRandom(seed);
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const size = 1 + Math.floor(random() * maxChunk);
    chunks.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return chunks;
}

export async function* iterate<T>(items: Iterable<T>): AsyncGenerator<T, void, undefined> {
  for (const item of items) yield item;
}

/** Replaces generated ids (`call_…`, `msg_…` made by the client) so runs can be compared. */
export function normalizeGeneratedIds<T>(value: T, generated: RegExp = /^(call|msg)_[a-z0-9]{12,}$/): T {
  return JSON.parse(
    JSON.stringify(value, (key, item: unknown) =>
      key === "id" && typeof item === "string" && generated.test(item) ? "<generated>" : item,
    ),
  ) as T;
}
