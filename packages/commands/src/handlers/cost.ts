import { totalTokens } from "@axion/api";
import { formatCost } from "@axion/runtime";
import type { SlashCommand } from "../command-host.js";
import { formatCount, formatTable } from "../text/format-text.js";

/** `/cost`: tokens and estimated cost of the session so far. */
export const costCommand: SlashCommand = {
  name: "cost",
  category: "Core",
  summary: "Show the tokens used and the estimated cost",
  async run(_args, host) {
    const { usage, costUsd, turns, model } = host.session;
    const rows = [
      ["Input tokens", formatCount(usage.input_tokens)],
      ["Output tokens", formatCount(usage.output_tokens)],
      ["Cache write tokens", formatCount(usage.cache_creation_input_tokens)],
      ["Cache read tokens", formatCount(usage.cache_read_input_tokens)],
      ["Total tokens", formatCount(totalTokens(usage))],
      ["Estimated cost", formatCost(costUsd)],
      ["Model calls", formatCount(turns)],
    ];
    const header = `Session cost (current model ${model}; each call is priced at the rates of the model that served it):`;
    return { output: `${header}\n${formatTable(rows, "  ")}` };
  },
};
