/**
 * Just enough shell syntax for permission checks: where one command ends and the next begins, which words a
 * command has once quotes are removed, and whether it redirects output into a file. It never runs anything.
 */

/** True for a character that starts a new command when it appears unquoted. */
function separatorLength(command: string, index: number): number {
  const char = command[index];
  const next = command[index + 1];
  const previous = index > 0 ? command[index - 1] : undefined;
  if (char === "\n" || char === ";" || char === "(" || char === ")" || char === "`") return 1;
  if (char === "$" && next === "(") return 2;
  if (char === "|") return next === "|" || next === "&" ? 2 : 1;
  if (char === "&") {
    if (previous === ">" || previous === "<" || next === ">") return 0;
    return next === "&" ? 2 : 1;
  }
  return 0;
}

/**
 * Splits a command line into simple commands at unquoted `&&`, `||`, `;`, `|`, `&`, newlines, subshell parentheses,
 * `$(…)` and backticks (also inside double quotes, where they still run). Quoted text stays in its command. Each
 * part is trimmed with runs of spaces collapsed.
 */
export function splitShellCommand(command: string): string[] {
  const segments: string[] = [];
  const substitutions: { resume: '"' | undefined; closer: ")" | "`" }[] = [];
  let current = "";
  let quote: "'" | '"' | undefined;
  const cut = (): void => {
    segments.push(current);
    current = "";
  };
  for (let index = 0; index < command.length; index += 1) {
    const char = command[index] ?? "";
    if (quote === "'") {
      current += char;
      if (char === "'") quote = undefined;
      continue;
    }
    if (char === "\\") {
      current += char + (command[index + 1] ?? "");
      index += 1;
      continue;
    }
    const open = substitutions[substitutions.length - 1];
    if (quote === undefined && open !== undefined && char === open.closer) {
      substitutions.pop();
      quote = open.resume;
      cut();
      continue;
    }
    if ((char === "$" && command[index + 1] === "(") || char === "`") {
      substitutions.push({ resume: quote, closer: char === "`" ? "`" : ")" });
      quote = undefined;
      cut();
      index += char === "$" ? 1 : 0;
      continue;
    }
    if (quote === '"') {
      current += char;
      if (char === '"') quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      current += char;
      continue;
    }
    const length = separatorLength(command, index);
    if (length > 0) {
      cut();
      index += length - 1;
      continue;
    }
    current += char;
  }
  cut();
  return segments.map((segment) => segment.trim().replace(/\s+/g, " ")).filter((segment) => segment !== "");
}

/** True when the command runs another command inside it: `$(…)`, backticks, or `<(…)` / `>(…)`. */
export function hasCommandSubstitution(command: string): boolean {
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < command.length; index += 1) {
    const char = command[index];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      continue;
    }
    if (char === "\\") {
      index += 1;
      continue;
    }
    if (char === "`") return true;
    if (char === "$" && command[index + 1] === "(") return true;
    if (quote === undefined && (char === "<" || char === ">") && command[index + 1] === "(") return true;
    if (char === '"') quote = quote === '"' ? undefined : '"';
    else if (char === "'" && quote === undefined) quote = "'";
  }
  return false;
}

/** The words of a simple command with quotes and backslashes removed (no expansion). */
export function shellWords(segment: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < segment.length; index += 1) {
    const char = segment[index] ?? "";
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === "\\" && /["\\$`]/.test(segment[index + 1] ?? "")) {
        current += segment[index + 1] ?? "";
        index += 1;
      } else current += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
      continue;
    }
    if (char === "\\") {
      current += segment[index + 1] ?? "";
      index += 1;
      inWord = true;
      continue;
    }
    if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
      continue;
    }
    current += char;
    inWord = true;
  }
  if (inWord) words.push(current);
  return words;
}

/** True when a simple command redirects output into a file (`> f`, `>> f`, `&> f`); `/dev/null` and `2>&1` do not count. */
export function hasFileRedirect(segment: string): boolean {
  let quote: "'" | '"' | undefined;
  for (let index = 0; index < segment.length; index += 1) {
    const char = segment[index];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else if (char === "\\" && quote === '"') index += 1;
      continue;
    }
    if (char === "\\") {
      index += 1;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      continue;
    }
    if (char !== ">") continue;
    let cursor = index + 1;
    if (segment[cursor] === ">" || segment[cursor] === "|") cursor += 1;
    if (segment[cursor] === "&") {
      index = cursor;
      continue;
    }
    while (segment[cursor] === " ") cursor += 1;
    const target = /^[^\s;&|<>]*/.exec(segment.slice(cursor))?.[0] ?? "";
    if (target !== "/dev/null") return true;
    index = cursor + target.length - 1;
  }
  return false;
}
