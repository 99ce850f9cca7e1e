import { z } from "zod";
import { messageResponseSchema } from "../../message-model.js";
import { streamEventSchema } from "../../stream-events.js";

/**
 * Anthropic Messages wire schemas. Our message model is Anthropic shaped, so responses and stream events
 * parse with the model's own schemas; unknown block and event types are kept as `{type:"unknown", raw}`.
 */
export const anthropicResponseSchema = messageResponseSchema;
export const anthropicStreamEventSchema = streamEventSchema;

export const anthropicErrorBodySchema = z.object({
  type: z.literal("error"),
  error: z.looseObject({ type: z.string(), message: z.string() }),
});

/** The headers of every Messages request. */
export const ANTHROPIC_VERSION = "2023-06-01";

/** Request body as sent: our request with wire-ready blocks (see translateAnthropicRequest). */
export type AnthropicRequestBody = Record<string, unknown>;
