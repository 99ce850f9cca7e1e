import { z } from "zod";

/** OpenAI chat completions wire schemas (also xAI and OpenAI-compatible servers). Unknown keys are ignored. */

const nullishString = z.string().nullish();

export const openaiUsageSchema = z.object({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
});
export type OpenAiUsage = z.infer<typeof openaiUsageSchema>;

export const openaiToolCallSchema = z.object({
  id: z.string(),
  type: z.string().optional(),
  function: z.object({ name: z.string(), arguments: z.string().nullish() }),
});

export const openaiChatResponseSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        message: z.object({
          role: z.string().nullish(),
          content: nullishString,
          reasoning_content: nullishString,
          refusal: nullishString,
          tool_calls: z.array(openaiToolCallSchema).nullish(),
        }),
        finish_reason: nullishString,
      }),
    )
    .min(1),
  usage: openaiUsageSchema.nullish(),
});
export type OpenAiChatResponse = z.infer<typeof openaiChatResponseSchema>;

export const openaiToolCallDeltaSchema = z.object({
  index: z.number().int().nonnegative().optional(),
  id: nullishString,
  type: nullishString,
  function: z.object({ name: nullishString, arguments: nullishString }).nullish(),
});
export type OpenAiToolCallDelta = z.infer<typeof openaiToolCallDeltaSchema>;

export const openaiChatChunkSchema = z.object({
  id: nullishString,
  model: nullishString,
  choices: z
    .array(
      z.object({
        index: z.number().optional(),
        delta: z
          .object({
            role: nullishString,
            content: nullishString,
            reasoning_content: nullishString,
            reasoning: nullishString,
            refusal: nullishString,
            tool_calls: z.array(openaiToolCallDeltaSchema).nullish(),
          })
          .nullish(),
        finish_reason: nullishString,
      }),
    )
    .nullish(),
  usage: openaiUsageSchema.nullish(),
});
export type OpenAiChatChunk = z.infer<typeof openaiChatChunkSchema>;

/** `{ error: { message, type, code } }`, sent by some servers inside the stream. */
export const openaiStreamErrorSchema = z.object({
  error: z.union([z.string(), z.looseObject({ message: z.string().nullish(), type: nullishString, code: z.unknown() })]),
});

export type OpenAiChatMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string | OpenAiContentPart[] }
  | {
      role: "assistant";
      content: string | null;
      tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[];
    }
  | { role: "tool"; tool_call_id: string; content: string };

export type OpenAiContentPart = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };
