import { getModelInfo } from "@axion/api";
import { estimateTokens } from "@axion/runtime";
import type { SlashCommand } from "../command-host.js";
import { formatCount } from "../text/format-text.js";
import { isToolResultMessage, toolUsesOf } from "../text/message-text.js";

const BAR_WIDTH = 50;

/** `/context`: how much of the model's context window the conversation fills (estimated). */
export const contextCommand: SlashCommand = {
  name: "context",
  category: "Core",
  summary: "Show how full the context window is",
  async run(_args, host) {
    const { messages, model } = host.session;
    const window = getModelInfo(model).contextWindow;
    const used = estimateTokens(messages);
    const share = window === 0 ? 0 : used / window;
    const filled = Math.min(BAR_WIDTH, Math.round(share * BAR_WIDTH));
    const bar = `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`;
    const toolCalls = messages.reduce((count, message) => count + toolUsesOf(message).length, 0);
    const toolResults = messages.filter(isToolResultMessage).length;
    const lines = [
      `${bar} ${(share * 100).toFixed(1)}%`,
      `About ${formatCount(used)} of ${formatCount(window)} tokens (${model}), not counting the system prompt and tool definitions.`,
      `${formatCount(messages.length)} messages: ${formatCount(toolCalls)} tool calls, ${formatCount(toolResults)} tool-result messages.`,
    ];
    if (share >= 0.8) lines.push("The context is nearly full: /compact summarises older messages, /clear starts over.");
    return { output: lines.join("\n") };
  },
};
