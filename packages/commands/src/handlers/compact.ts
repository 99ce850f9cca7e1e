import { usageError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";
import { formatCount, plural } from "../text/format-text.js";

/** `/compact [max_tokens]`: summarises older messages now, or only when the conversation is at least that big. */
export const compactCommand: SlashCommand = {
  name: "compact",
  category: "Core",
  summary: "Summarise older messages to free context",
  usage: "[max_tokens]",
  details: "Without a number the conversation is compacted now; with one, only when its estimated size is at least that many tokens.",
  async run(args, host) {
    const text = args.trim().replace(/[_,]/g, "");
    let maxTokens: number | undefined;
    if (text !== "") {
      if (!/^\d+$/.test(text) || Number(text) <= 0) throw usageError("compact", "[max_tokens]", `"${args.trim()}" is not a positive number of tokens`);
      maxTokens = Number(text);
    }
    const result = await host.session.compact(maxTokens === undefined ? {} : { maxTokens });
    if (result.notSmaller === true) {
      return { output: `Not compacted: a summary would not be smaller than the conversation (estimated ${formatCount(result.beforeTokens)} tokens).` };
    }
    if (result.removedMessages === 0) {
      return { output: `No compaction needed (estimated ${formatCount(result.beforeTokens)} tokens).` };
    }
    return {
      output: `Compacted: removed ${plural(result.removedMessages, "message")}, ${formatCount(result.beforeTokens)} → ${formatCount(result.afterTokens)} tokens.`,
    };
  },
};
