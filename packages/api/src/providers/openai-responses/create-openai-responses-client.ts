import { classifyStreamErrorEvent } from "../../classify-error.js";
import type { MessageResponse } from "../../message-model.js";
import type { ProviderClient } from "../../provider-client.js";
import { basePath, createClientFromTranslator, joinUrl } from "../client-core.js";
import { bearerHeaders } from "../openai-chat/create-openai-chat-client.js";
import type { ProviderSettings } from "../provider-settings.js";
import { translateResponsesStream } from "./openai-responses-stream.js";
import { translateResponsesRequest, translateResponsesResponse } from "./openai-responses-translate.js";
import { responsesResponseSchema } from "./openai-responses-wire.js";

/** `{base}/responses`; a base that already ends in `/responses` is used as is. */
export function responsesUrl(baseUrl: string): string {
  return basePath(baseUrl).endsWith("/responses") ? baseUrl : joinUrl(baseUrl, "responses");
}

/** OpenAI Responses API client (Codex models). */
export function createOpenAiResponsesClient(settings: ProviderSettings): ProviderClient {
  const url = responsesUrl(settings.baseUrl);
  return createClientFromTranslator(settings, {
    buildRequest: (request, stream) => ({
      method: "POST",
      url,
      headers: bearerHeaders(settings),
      body: JSON.stringify(translateResponsesRequest(request, stream, { reasoningEffort: settings.reasoningEffort })),
    }),
    parseResponse: (json, requestId): MessageResponse => {
      const response = responsesResponseSchema.parse(json);
      if (response.status === "failed") {
        throw classifyStreamErrorEvent(
          { error: { type: response.error?.code ?? "api_error", message: response.error?.message ?? "the response failed" } },
          settings.provider,
          requestId,
        );
      }
      return translateResponsesResponse(response, settings.model);
    },
    translateStream: (body, requestId) => translateResponsesStream(body, settings, requestId),
  });
}
