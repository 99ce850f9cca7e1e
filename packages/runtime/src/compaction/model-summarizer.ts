import type { ProviderClient } from "@axion/api";
import type { Summarizer } from "./compact-messages.js";

export const SUMMARY_SYSTEM_PROMPT =
  "You write compact, faithful summaries of coding sessions so that the work can continue without the original messages.";

export const SUMMARY_INSTRUCTIONS = [
  "Summarise this conversation so the work can continue: goals, decisions, files touched, open tasks.",
  "Cover: what the user asked for and any constraints they set; decisions made and why; files read, created or",
  "changed (with paths) and what changed; commands run and their notable results; errors met and how they were",
  "handled; what remains to be done, in order. Keep exact names, paths, identifiers and numbers. Write plain text",
  "with short sections, no preamble.",
].join(" ");

/**
 * A summariser that asks `model` through `client` (one non-streaming request, at most `maxTokens` tokens back).
 * Returns the reply's text; an empty reply makes `compactMessages` fall back to its heuristic summary.
 */
export function createModelSummarizer(client: ProviderClient, model: string, maxTokens: number): Summarizer {
  return async (transcript, signal) => {
    const response = await client.send(
      {
        model,
        max_tokens: maxTokens,
        system: SUMMARY_SYSTEM_PROMPT,
        messages: [
          {
            role: "user",
            content: [{ type: "text", text: `${SUMMARY_INSTRUCTIONS}\n\n<transcript>\n${transcript}\n</transcript>` }],
          },
        ],
      },
      { signal },
    );
    return response.content
      .filter((block) => block.type === "text")
      .map((block) => (block as { text: string }).text)
      .join("\n")
      .trim();
  };
}
