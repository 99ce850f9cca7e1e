import { classifyStreamErrorEvent } from "../../classify-error.js";
import { StreamInterruptedError } from "../../errors.js";
import type { MessageResponse } from "../../message-model.js";
import type { ProviderClient } from "../../provider-client.js";
import { parseSseBatches } from "../../sse-parser.js";
import type { StreamEvent } from "../../stream-events.js";
import { basePath, createClientFromTranslator, invalidWireEvent, joinUrl } from "../client-core.js";
import type { ProviderSettings } from "../provider-settings.js";
import { translateAnthropicRequest } from "./anthropic-translate.js";
import { ANTHROPIC_VERSION, anthropicResponseSchema, anthropicStreamEventSchema } from "./anthropic-wire.js";

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";

/** `{base}/v1/messages`, also when the base already ends in `/v1`. */
export function anthropicMessagesUrl(baseUrl: string): string {
  return basePath(baseUrl).endsWith("/v1") ? joinUrl(baseUrl, "messages") : joinUrl(baseUrl, "v1/messages");
}

function anthropicHeaders(settings: ProviderSettings): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
    "anthropic-version": ANTHROPIC_VERSION,
  };
  for (const credential of settings.credentials) {
    if (credential.kind === "api-key") headers["x-api-key"] = credential.secret;
    else headers.authorization = `Bearer ${credential.secret}`;
  }
  return { ...headers, ...settings.headers };
}

/** Parses the Messages SSE stream into our events; ends at message_stop. */
export async function* translateAnthropicStream(
  body: AsyncIterable<Uint8Array>,
  settings: Pick<ProviderSettings, "provider">,
  requestId: string | undefined,
): AsyncGenerator<StreamEvent, void, undefined> {
  let received = 0;
  for await (const batch of parseSseBatches(body, { provider: settings.provider })) for (const message of batch) {
    const parsed = anthropicStreamEventSchema.safeParse(message.data);
    if (!parsed.success) throw invalidWireEvent(settings, message.data, parsed.error);
    const event = parsed.data as StreamEvent;
    if (event.type === "error") {
      // Anthropic puts the request id into error events too; the header's wins when both are there.
      const bodyRequestId = (message.data as { request_id?: unknown }).request_id;
      throw classifyStreamErrorEvent(event, settings.provider, requestId ?? (typeof bodyRequestId === "string" ? bodyRequestId : undefined));
    }
    received++;
    yield event;
    if (event.type === "message_stop") return;
  }
  throw new StreamInterruptedError(
    `${settings.provider}: the stream ended after ${received} events without message_stop; the reply is incomplete`,
    { provider: settings.provider, requestId },
  );
}

/** Anthropic Messages API client (`POST {base}/v1/messages`). */
export function createAnthropicClient(settings: ProviderSettings): ProviderClient {
  const url = anthropicMessagesUrl(settings.baseUrl);
  return createClientFromTranslator(settings, {
    buildRequest: (request, stream) => ({
      method: "POST",
      url,
      headers: anthropicHeaders(settings),
      body: JSON.stringify(translateAnthropicRequest(request, stream)),
    }),
    parseResponse: (json) => anthropicResponseSchema.parse(json) as MessageResponse,
    translateStream: (body, requestId) => translateAnthropicStream(body, settings, requestId),
  });
}
