import type { MessageResponse } from "../../message-model.js";
import type { ProviderClient } from "../../provider-client.js";
import { basePath, createClientFromTranslator, joinUrl } from "../client-core.js";
import type { ProviderSettings } from "../provider-settings.js";
import { translateOpenAiChatStream } from "./openai-chat-stream.js";
import { translateOpenAiChatRequest, translateOpenAiChatResponse } from "./openai-chat-translate.js";
import { openaiChatResponseSchema } from "./openai-chat-wire.js";

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
export const XAI_DEFAULT_BASE_URL = "https://api.x.ai/v1";

/** `{base}/chat/completions`; a base that already ends in `/chat/completions` is used as is. */
export function chatCompletionsUrl(baseUrl: string): string {
  return basePath(baseUrl).endsWith("/chat/completions") ? baseUrl : joinUrl(baseUrl, "chat/completions");
}

/** Bearer auth plus JSON headers, for every OpenAI-style API. */
export function bearerHeaders(settings: ProviderSettings): Record<string, string> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  const credential = settings.credentials[0];
  if (credential !== undefined) headers.authorization = `Bearer ${credential.secret}`;
  return { ...headers, ...settings.headers };
}

/** Chat completions client for OpenAI, xAI and any OpenAI-compatible server. */
export function createOpenAiChatClient(settings: ProviderSettings): ProviderClient {
  const url = chatCompletionsUrl(settings.baseUrl);
  return createClientFromTranslator(settings, {
    buildRequest: (request, stream) => ({
      method: "POST",
      url,
      headers: bearerHeaders(settings),
      body: JSON.stringify(translateOpenAiChatRequest(request, stream, { reasoningEffort: settings.reasoningEffort })),
    }),
    parseResponse: (json): MessageResponse =>
      translateOpenAiChatResponse(openaiChatResponseSchema.parse(json), settings.model),
    translateStream: (body, requestId) => translateOpenAiChatStream(body, settings, requestId),
  });
}
