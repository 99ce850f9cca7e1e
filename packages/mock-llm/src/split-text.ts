/**
 * Split a string into at most `pieces` parts of similar length, cutting only between code points
 * (never inside a surrogate pair). Strings of two or more code points always give two or more parts.
 */
export function splitText(text: string, pieces = 3): string[] {
  const codePoints = Array.from(text);
  if (codePoints.length < 2) return codePoints.length === 0 ? [] : [text];
  const count = Math.max(2, Math.min(pieces, codePoints.length));
  const size = Math.ceil(codePoints.length / count);
  const parts: string[] = [];
  for (let start = 0; start < codePoints.length; start += size) {
    parts.push(codePoints.slice(start, start + size).join(""));
  }
  return parts;
}

/**
 * Byte offset inside the first multi-byte UTF-8 character of `bytes` (just after its lead byte),
 * or -1 when the bytes are plain ASCII. Writing the buffer in two slices at this offset puts a
 * chunk boundary inside a character.
 */
export function splitOffsetInsideCharacter(bytes: Uint8Array): number {
  for (let offset = 0; offset < bytes.length; offset += 1) {
    const byte = bytes[offset] ?? 0;
    if (byte >= 0xc0) return offset + 1;
  }
  return -1;
}
