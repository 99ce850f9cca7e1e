import type { ShellWord } from "./shell-words.js";

/** How a command reads its options (getopt style). */
export interface OptionSpec {
  /** Short options that take a value, attached (`-n10`) or as the next word (`-n 10`). */
  valued?: string;
  /** Short options whose value can only be attached (`-i.bak`); the rest of the cluster is the value. */
  attached?: string;
  /** Long options (without `--`) that take a value, `--name=v` or `--name v`; unambiguous prefixes count. */
  long?: readonly string[];
  /** Options end at the first operand (getopt's `+`); otherwise options and operands mix (GNU's default). */
  stopAtOperand?: boolean;
}

export interface ScannedOption {
  /** The letter of a short option, or the long name as written (without `--`). */
  name: string;
  long: boolean;
  /** The value, when the option took one (undefined when it is not static). */
  value?: string | undefined;
  /** The word that held the value. */
  valueWord?: ShellWord | undefined;
}

export interface ScannedOptions {
  options: ScannedOption[];
  operands: ShellWord[];
  /** With `stopAtOperand`: the index of the first operand (or `words.length`). */
  end: number;
}

/** Whether `name` (as written after `--`) is one of `longs`, or an unambiguous-enough prefix of one. */
function takesValue(name: string, longs: readonly string[]): boolean {
  return name !== "" && longs.some((long) => long.startsWith(name));
}

/** Reads getopt-style options from `words[start…]`. A word that is not static is an operand. */
export function scanOptions(words: readonly ShellWord[], start: number, spec: OptionSpec): ScannedOptions {
  const options: ScannedOption[] = [];
  const operands: ShellWord[] = [];
  const valued = spec.valued ?? "";
  const attached = spec.attached ?? "";
  let index = start;
  let end = words.length;
  while (index < words.length) {
    const word = words[index] as ShellWord;
    const text = word.value;
    if (text === "--") {
      operands.push(...words.slice(index + 1));
      if (end === words.length) end = index + 1;
      break;
    }
    if (text === undefined || !text.startsWith("-") || text === "-") {
      if (spec.stopAtOperand === true) {
        end = index;
        operands.push(...words.slice(index));
        break;
      }
      operands.push(word);
      index += 1;
      continue;
    }
    if (text.startsWith("--")) {
      const equals = text.indexOf("=");
      const name = equals === -1 ? text.slice(2) : text.slice(2, equals);
      if (equals !== -1) options.push({ name, long: true, value: text.slice(equals + 1), valueWord: word });
      else if (takesValue(name, spec.long ?? []) && index + 1 < words.length) {
        const next = words[index + 1] as ShellWord;
        options.push({ name, long: true, value: next.value, valueWord: next });
        index += 1;
      } else options.push({ name, long: true });
      index += 1;
      continue;
    }
    for (let position = 1; position < text.length; position += 1) {
      const letter = text[position] as string;
      const rest = text.slice(position + 1);
      if (attached.includes(letter)) {
        options.push({ name: letter, long: false, value: rest, valueWord: word });
        break;
      }
      if (valued.includes(letter)) {
        if (rest !== "") options.push({ name: letter, long: false, value: rest, valueWord: word });
        else if (index + 1 < words.length) {
          const next = words[index + 1] as ShellWord;
          options.push({ name: letter, long: false, value: next.value, valueWord: next });
          index += 1;
        } else options.push({ name: letter, long: false });
        break;
      }
      options.push({ name: letter, long: false });
    }
    index += 1;
  }
  return { options, operands, end };
}
