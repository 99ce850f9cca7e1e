/** Cursor arithmetic on the editor's text (UTF-16 indexes that never split a surrogate pair). */

/** Index of the code point before `index`. */
export function previousIndex(text: string, index: number): number {
  if (index <= 0) return 0;
  const code = text.charCodeAt(index - 1);
  return index >= 2 && code >= 0xdc00 && code <= 0xdfff ? index - 2 : index - 1;
}

/** Index after the code point at `index`. */
export function nextIndex(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? index + 2 : index + 1;
}

const isWordCharacter = (character: string | undefined): boolean => character !== undefined && /[\p{L}\p{N}_]/u.test(character);

export function previousWordIndex(text: string, index: number): number {
  let position = index;
  while (position > 0 && !isWordCharacter(text[position - 1])) position -= 1;
  while (position > 0 && isWordCharacter(text[position - 1])) position -= 1;
  return position;
}

export function nextWordIndex(text: string, index: number): number {
  let position = index;
  while (position < text.length && !isWordCharacter(text[position])) position += 1;
  while (position < text.length && isWordCharacter(text[position])) position += 1;
  return position;
}

export function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return "";
  let prefix = values[0]!;
  for (const value of values.slice(1)) {
    let length = 0;
    while (length < prefix.length && length < value.length && prefix[length] === value[length]) length += 1;
    prefix = prefix.slice(0, length);
  }
  return prefix;
}

/** Start of the line (within a multi-line text) that holds `index`. */
export function lineStartOf(text: string, index: number): number {
  return text.lastIndexOf("\n", index - 1) + 1;
}

/** End of the line (within a multi-line text) that holds `index`. */
export function lineEndOf(text: string, index: number): number {
  const newline = text.indexOf("\n", index);
  return newline === -1 ? text.length : newline;
}
