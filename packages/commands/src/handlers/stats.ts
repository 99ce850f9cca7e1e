import { totalTokens } from "@axion/api";
import { formatCost } from "@axion/runtime";
import type { SlashCommand } from "../command-host.js";
import { formatCount, formatTable } from "../text/format-text.js";
import { isToolResultMessage, toolUsesOf } from "../text/message-text.js";

/** `/stats`: counts for the session: messages by kind, tool calls by tool, tokens and cost. */
export const statsCommand: SlashCommand = {
  name: "stats",
  category: "Info & Diagnostics",
  summary: "Show message, tool-call and token statistics",
  async run(_args, host) {
    const session = host.session;
    const { messages, usage } = session;
    const prompts = messages.filter((message) => message.role === "user" && !isToolResultMessage(message)).length;
    const replies = messages.filter((message) => message.role === "assistant").length;
    const byTool = new Map<string, number>();
    for (const message of messages) for (const use of toolUsesOf(message)) byTool.set(use.name, (byTool.get(use.name) ?? 0) + 1);
    const toolCalls = [...byTool.values()].reduce((sum, count) => sum + count, 0);
    const rows = [
      ["Session", session.id],
      ["Model", `${session.model} (${session.provider})`],
      ["Model calls", formatCount(session.turns)],
      ["Messages", `${formatCount(messages.length)} (${formatCount(prompts)} prompts, ${formatCount(replies)} replies)`],
      ["Tool calls", formatCount(toolCalls)],
      ["Input tokens", formatCount(usage.input_tokens)],
      ["Output tokens", formatCount(usage.output_tokens)],
      ["Cache tokens", `${formatCount(usage.cache_creation_input_tokens)} written, ${formatCount(usage.cache_read_input_tokens)} read`],
      ["Total tokens", formatCount(totalTokens(usage))],
      ["Estimated cost", formatCost(session.costUsd)],
      ["Compactions", formatCount(session.compactions)],
    ];
    const lines = [formatTable(rows)];
    if (byTool.size > 0) {
      const toolRows = [...byTool].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, count]) => [name, formatCount(count)]);
      lines.push("", "Tool calls by tool:", formatTable(toolRows, "  "));
    }
    return { output: lines.join("\n") };
  },
};
