import type { CommandHost, CommandRegistry } from "@axion/commands";
import { completeFileReference } from "./file-references.js";
import type { CompletionResult } from "./line-editor.js";

/**
 * Tab completion of the REPL: `@path` references anywhere in the input, slash commands and their arguments
 * (`argumentCompletions`) when the input starts with `/`.
 */
export function createInputCompleter(options: {
  registry: Pick<CommandRegistry, "complete">;
  host: CommandHost;
  cwd: string;
}): (text: string, cursor: number) => CompletionResult | undefined {
  return (text, cursor) => {
    const files = completeFileReference(text, cursor, options.cwd);
    if (files !== undefined) return files;
    const before = text.slice(0, cursor);
    if (!before.trimStart().startsWith("/") || before.includes("\n")) return undefined;
    const leading = before.length - before.trimStart().length;
    const candidates = options.registry.complete(before, options.host);
    return { from: leading, candidates };
  };
}
