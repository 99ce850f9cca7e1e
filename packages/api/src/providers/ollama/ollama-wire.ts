import { z } from "zod";

/** Ollama native chat wire schemas (`/api/chat`, `/api/tags`). Unknown keys are ignored. */

const nullishString = z.string().nullish();

export const ollamaToolCallSchema = z.object({
  id: nullishString,
  function: z.object({
    name: z.string(),
    arguments: z.union([z.record(z.string(), z.unknown()), z.string()]).nullish(),
  }),
});

export const ollamaChatChunkSchema = z.object({
  model: nullishString,
  message: z
    .object({
      role: nullishString,
      content: nullishString,
      thinking: nullishString,
      tool_calls: z.array(ollamaToolCallSchema).nullish(),
    })
    .nullish(),
  done: z.boolean().nullish(),
  done_reason: nullishString,
  prompt_eval_count: z.number().nullish(),
  eval_count: z.number().nullish(),
});
export type OllamaChatChunk = z.infer<typeof ollamaChatChunkSchema>;

export const ollamaErrorSchema = z.object({ error: z.string() });

export const ollamaTagsSchema = z.object({
  models: z.array(
    z.looseObject({
      name: z.string(),
      model: nullishString,
      size: z.number().nullish(),
      digest: nullishString,
      modified_at: nullishString,
      details: z.record(z.string(), z.unknown()).nullish(),
    }),
  ),
});

export type OllamaMessage =
  | { role: "system" | "user"; content: string; images?: string[] }
  | {
      role: "assistant";
      content: string;
      thinking?: string;
      tool_calls?: { function: { name: string; arguments: Record<string, unknown> } }[];
    }
  | { role: "tool"; content: string; tool_name: string };
