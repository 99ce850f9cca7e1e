import { z } from "zod";
import { contentBlockSchema, messageResponseSchema, unknownTypeFallback } from "./message-model.js";
import type { ContentBlock, MessageResponse, StopReason } from "./message-model.js";

/**
 * Stream events, Anthropic Messages shaped. Every provider's stream is translated into this sequence:
 * message_start, then per block content_block_start / content_block_delta* / content_block_stop, then
 * message_delta (stop reason and usage) and message_stop. Event and delta types this version does not model
 * are kept as `{ type: "unknown", raw }`.
 */

export const textDeltaSchema = z.object({ type: z.literal("text_delta"), text: z.string() });
export const inputJsonDeltaSchema = z.object({ type: z.literal("input_json_delta"), partial_json: z.string() });
export const thinkingDeltaSchema = z.object({ type: z.literal("thinking_delta"), thinking: z.string() });
export const signatureDeltaSchema = z.object({ type: z.literal("signature_delta"), signature: z.string() });
export const unknownDeltaSchema = z.object({ type: z.literal("unknown"), raw: z.looseObject({ type: z.string() }) });

export type TextDelta = z.infer<typeof textDeltaSchema>;
export type InputJsonDelta = z.infer<typeof inputJsonDeltaSchema>;
export type ThinkingDelta = z.infer<typeof thinkingDeltaSchema>;
export type SignatureDelta = z.infer<typeof signatureDeltaSchema>;
export type UnknownDelta = z.infer<typeof unknownDeltaSchema>;
export type ContentDelta = TextDelta | InputJsonDelta | ThinkingDelta | SignatureDelta | UnknownDelta;

export const contentDeltaSchema = unknownTypeFallback(
  z.discriminatedUnion("type", [
    textDeltaSchema,
    inputJsonDeltaSchema,
    thinkingDeltaSchema,
    signatureDeltaSchema,
    unknownDeltaSchema,
  ]),
  new Set(["text_delta", "input_json_delta", "thinking_delta", "signature_delta", "unknown"]),
);

const countSchema = z.number().int().nonnegative();

/** Usage carried by message_delta. Values are cumulative for the message; absent fields leave earlier ones. */
export const deltaUsageSchema = z.object({
  input_tokens: countSchema.nullish(),
  output_tokens: countSchema.nullish(),
  cache_creation_input_tokens: countSchema.nullish(),
  cache_read_input_tokens: countSchema.nullish(),
});
export type DeltaUsage = {
  input_tokens?: number | null | undefined;
  output_tokens?: number | null | undefined;
  cache_creation_input_tokens?: number | null | undefined;
  cache_read_input_tokens?: number | null | undefined;
};

export const messageStartEventSchema = z.object({ type: z.literal("message_start"), message: messageResponseSchema });
export const contentBlockStartEventSchema = z.object({
  type: z.literal("content_block_start"),
  index: z.number().int().nonnegative(),
  content_block: contentBlockSchema,
});
export const contentBlockDeltaEventSchema = z.object({
  type: z.literal("content_block_delta"),
  index: z.number().int().nonnegative(),
  delta: contentDeltaSchema,
});
export const contentBlockStopEventSchema = z.object({
  type: z.literal("content_block_stop"),
  index: z.number().int().nonnegative(),
});
export const messageDeltaEventSchema = z.object({
  type: z.literal("message_delta"),
  delta: z.object({
    stop_reason: z.string().nullish().transform((value) => value ?? null),
    stop_sequence: z.string().nullish().transform((value) => value ?? null),
  }),
  usage: deltaUsageSchema.optional().transform((value) => value ?? {}),
});
export const messageStopEventSchema = z.object({ type: z.literal("message_stop") });
export const pingEventSchema = z.object({ type: z.literal("ping") });
export const errorEventSchema = z.object({
  type: z.literal("error"),
  error: z.looseObject({ type: z.string(), message: z.string() }),
});
export const unknownEventSchema = z.object({ type: z.literal("unknown"), raw: z.looseObject({ type: z.string() }) });

export type MessageStartEvent = { type: "message_start"; message: MessageResponse };
export type ContentBlockStartEvent = { type: "content_block_start"; index: number; content_block: ContentBlock };
export type ContentBlockDeltaEvent = { type: "content_block_delta"; index: number; delta: ContentDelta };
export type ContentBlockStopEvent = { type: "content_block_stop"; index: number };
export type MessageDeltaEvent = {
  type: "message_delta";
  delta: { stop_reason: StopReason | null; stop_sequence: string | null };
  usage: DeltaUsage;
};
export type MessageStopEvent = { type: "message_stop" };
export type PingEvent = { type: "ping" };
export type ErrorEvent = { type: "error"; error: { type: string; message: string; [key: string]: unknown } };
export type UnknownEvent = z.infer<typeof unknownEventSchema>;

export type StreamEvent =
  | MessageStartEvent
  | ContentBlockStartEvent
  | ContentBlockDeltaEvent
  | ContentBlockStopEvent
  | MessageDeltaEvent
  | MessageStopEvent
  | PingEvent
  | ErrorEvent
  | UnknownEvent;

export const streamEventSchema = unknownTypeFallback(
  z.discriminatedUnion("type", [
    messageStartEventSchema,
    contentBlockStartEventSchema,
    contentBlockDeltaEventSchema,
    contentBlockStopEventSchema,
    messageDeltaEventSchema,
    messageStopEventSchema,
    pingEventSchema,
    errorEventSchema,
    unknownEventSchema,
  ]),
  new Set([
    "message_start",
    "content_block_start",
    "content_block_delta",
    "content_block_stop",
    "message_delta",
    "message_stop",
    "ping",
    "error",
    "unknown",
  ]),
);
