import { z } from "zod";

/**
 * The one message model every provider translates to and from. It follows the Anthropic Messages API shape.
 * Block types this version does not know are kept as `{ type: "unknown", raw }` instead of being dropped, so a
 * newer server feature survives a round trip through a session file.
 */

export const cacheControlSchema = z.object({ type: z.literal("ephemeral") });
export type CacheControl = z.infer<typeof cacheControlSchema>;

export const textBlockSchema = z.object({
  type: z.literal("text"),
  text: z.string(),
  cache_control: cacheControlSchema.optional(),
});
export type TextBlock = z.infer<typeof textBlockSchema>;

export const imageBlockSchema = z.object({
  type: z.literal("image"),
  source: z.object({
    type: z.literal("base64"),
    media_type: z.string(),
    data: z.string(),
  }),
  cache_control: cacheControlSchema.optional(),
});
export type ImageBlock = z.infer<typeof imageBlockSchema>;

export const toolUseBlockSchema = z.object({
  type: z.literal("tool_use"),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
});
export type ToolUseBlock = z.infer<typeof toolUseBlockSchema>;

/** A structured part of a tool result; providers without a JSON part receive it as JSON text. */
export const jsonPartSchema = z.object({ type: z.literal("json"), value: z.unknown() });
export type JsonPart = z.infer<typeof jsonPartSchema>;

export const toolResultPartSchema = z.discriminatedUnion("type", [textBlockSchema, jsonPartSchema, imageBlockSchema]);
export type ToolResultPart = z.infer<typeof toolResultPartSchema>;

export const toolResultBlockSchema = z.object({
  type: z.literal("tool_result"),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(toolResultPartSchema)]),
  is_error: z.boolean().optional(),
  cache_control: cacheControlSchema.optional(),
});
export type ToolResultBlock = z.infer<typeof toolResultBlockSchema>;

export const thinkingBlockSchema = z.object({
  type: z.literal("thinking"),
  thinking: z.string(),
  signature: z.string(),
});
export type ThinkingBlock = z.infer<typeof thinkingBlockSchema>;

export const redactedThinkingBlockSchema = z.object({
  type: z.literal("redacted_thinking"),
  data: z.string(),
});
export type RedactedThinkingBlock = z.infer<typeof redactedThinkingBlockSchema>;

/** A block of a type this version does not model; `raw` is the block exactly as received. */
export const unknownBlockSchema = z.object({
  type: z.literal("unknown"),
  raw: z.looseObject({ type: z.string() }),
});
export type UnknownBlock = z.infer<typeof unknownBlockSchema>;

const knownBlockSchema = z.discriminatedUnion("type", [
  textBlockSchema,
  imageBlockSchema,
  toolUseBlockSchema,
  toolResultBlockSchema,
  thinkingBlockSchema,
  redactedThinkingBlockSchema,
  unknownBlockSchema,
]);

const KNOWN_BLOCK_TYPES: ReadonlySet<string> = new Set([
  "text",
  "image",
  "tool_use",
  "tool_result",
  "thinking",
  "redacted_thinking",
  "unknown",
]);

/**
 * Wraps an object of an unmodelled `type` as `{ type: "unknown", raw }`. A known type that fails validation
 * stays an error: only genuinely new types are kept aside.
 */
export function unknownTypeFallback<Known extends z.ZodType>(known: Known, knownTypes: ReadonlySet<string>) {
  const wrapped = z
    .looseObject({ type: z.string().refine((type) => !knownTypes.has(type), "known type failed validation") })
    .transform((raw) => ({ type: "unknown" as const, raw }));
  return z.union([known, wrapped]);
}

export const contentBlockSchema = unknownTypeFallback(knownBlockSchema, KNOWN_BLOCK_TYPES);
export type ContentBlock =
  | TextBlock
  | ImageBlock
  | ToolUseBlock
  | ToolResultBlock
  | ThinkingBlock
  | RedactedThinkingBlock
  | UnknownBlock;

export const roleSchema = z.enum(["user", "assistant"]);
export type Role = z.infer<typeof roleSchema>;

export const messageSchema = z.object({
  role: roleSchema,
  content: z.union([z.string(), z.array(contentBlockSchema)]),
});
export type Message = { role: Role; content: string | ContentBlock[] };

export const toolDefinitionSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()),
  cache_control: cacheControlSchema.optional(),
});
export type ToolDefinition = z.infer<typeof toolDefinitionSchema>;

export const toolChoiceSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("auto"), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({ type: z.literal("any"), disable_parallel_tool_use: z.boolean().optional() }),
  z.object({ type: z.literal("none") }),
  z.object({ type: z.literal("tool"), name: z.string(), disable_parallel_tool_use: z.boolean().optional() }),
]);
export type ToolChoice = z.infer<typeof toolChoiceSchema>;

export const thinkingConfigSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("enabled"), budget_tokens: z.number().int().positive() }),
  z.object({ type: z.literal("disabled") }),
]);
export type ThinkingConfig = z.infer<typeof thinkingConfigSchema>;

export const messageRequestSchema = z.object({
  model: z.string().min(1),
  max_tokens: z.number().int().positive(),
  messages: z.array(messageSchema),
  system: z.union([z.string(), z.array(textBlockSchema)]).optional(),
  tools: z.array(toolDefinitionSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(2).optional(),
  thinking: thinkingConfigSchema.optional(),
  metadata: z.object({ user_id: z.string().optional() }).optional(),
});
export type MessageRequest = Omit<z.infer<typeof messageRequestSchema>, "messages"> & { messages: Message[] };

/** Token counts. The cache fields are 0 when the provider reports nothing. */
export const usageSchema = z.object({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  cache_creation_input_tokens: z.number().int().nonnegative().nullish().transform((value) => value ?? 0),
  cache_read_input_tokens: z.number().int().nonnegative().nullish().transform((value) => value ?? 0),
});
export type Usage = {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
};

/** Known stop reasons; a provider may send others, which are kept as they came. */
export type StopReason =
  | "end_turn"
  | "max_tokens"
  | "stop_sequence"
  | "tool_use"
  | "pause_turn"
  | "refusal"
  | "model_context_window_exceeded"
  | (string & {});

export const messageResponseSchema = z.object({
  id: z.string(),
  type: z.literal("message"),
  role: z.literal("assistant"),
  model: z.string(),
  content: z.array(contentBlockSchema),
  stop_reason: z.string().nullable(),
  stop_sequence: z.string().nullish().transform((value) => value ?? null),
  usage: usageSchema,
});
export type MessageResponse = {
  id: string;
  type: "message";
  role: "assistant";
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: Usage;
};

/** Zero usage, for accumulating. */
export function emptyUsage(): Usage {
  return { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
}

/** input + output + cache creation + cache read. */
export function totalTokens(usage: Usage): number {
  return (
    usage.input_tokens + usage.output_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens
  );
}
