import { z } from "zod";

/** OpenAI Responses API wire schemas. Unknown keys are ignored; unknown item and event types are kept. */

const nullishString = z.string().nullish();

export const responsesUsageSchema = z.object({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  input_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
});
export type ResponsesUsage = z.infer<typeof responsesUsageSchema>;

export const responsesOutputItemSchema = z.looseObject({
  type: z.string(),
  id: nullishString,
  call_id: nullishString,
  name: nullishString,
  arguments: nullishString,
  role: nullishString,
  content: z.array(z.looseObject({ type: z.string(), text: nullishString, refusal: nullishString })).nullish(),
  summary: z.array(z.looseObject({ type: z.string(), text: nullishString })).nullish(),
});
export type ResponsesOutputItem = z.infer<typeof responsesOutputItemSchema>;

export const responsesResponseSchema = z.object({
  id: nullishString,
  model: nullishString,
  status: nullishString,
  output: z.array(responsesOutputItemSchema).nullish(),
  usage: responsesUsageSchema.nullish(),
  incomplete_details: z.object({ reason: nullishString }).nullish(),
  error: z.object({ code: nullishString, message: nullishString }).nullish(),
});
export type ResponsesResponse = z.infer<typeof responsesResponseSchema>;

export const responsesStreamEventSchema = z.looseObject({
  type: z.string(),
  output_index: z.number().int().nonnegative().nullish(),
  item: responsesOutputItemSchema.nullish(),
  delta: nullishString,
  arguments: nullishString,
  response: responsesResponseSchema.nullish(),
  code: nullishString,
  message: nullishString,
});
export type ResponsesStreamEvent = z.infer<typeof responsesStreamEventSchema>;

export type ResponsesInputItem =
  | { type: "message"; role: "user" | "assistant" | "system" | "developer"; content: ResponsesContentPart[] }
  | { type: "function_call"; call_id: string; name: string; arguments: string }
  | { type: "function_call_output"; call_id: string; output: string };

export type ResponsesContentPart =
  | { type: "input_text"; text: string }
  | { type: "input_image"; image_url: string }
  | { type: "output_text"; text: string };
