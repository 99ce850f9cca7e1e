import { fetchRequest } from "../../fetch-request.js";
import { classifyHttpError } from "../../classify-error.js";
import { AbortedError } from "../../errors.js";
import { connectionError } from "../../http-transport.js";
import type { MessageResponse } from "../../message-model.js";
import type { ProviderClient } from "../../provider-client.js";
import { createClientFromTranslator, describeError, joinUrl } from "../client-core.js";
import type { ProviderSettings } from "../provider-settings.js";
import { translateOllamaStream } from "./ollama-stream.js";
import { translateOllamaRequest, translateOllamaResponse } from "./ollama-translate.js";
import { ollamaChatChunkSchema, ollamaTagsSchema } from "./ollama-wire.js";
import { ApiError } from "../../errors.js";

export const OLLAMA_DEFAULT_BASE_URL = "http://localhost:11434";

/** Ollama streams `application/x-ndjson`; JSON-ish media types some proxies put on it are accepted too. */
const NDJSON_STREAM = {
  label: "an NDJSON stream",
  mediaTypes: ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "application/json", "text/plain"],
};

/** The server root: a base ending in `/v1` or `/api` (OpenAI-style settings) is trimmed. */
export function ollamaRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "").replace(/\/(v1|api)$/, "");
}

/** Ollama native chat client (`POST {base}/api/chat`, NDJSON streaming, tool calls). */
export function createOllamaClient(settings: ProviderSettings): ProviderClient {
  const url = joinUrl(ollamaRoot(settings.baseUrl), "api/chat");
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  const credential = settings.credentials[0];
  if (credential !== undefined) headers.authorization = `Bearer ${credential.secret}`;
  return createClientFromTranslator(settings, {
    buildRequest: (request, stream) => ({
      method: "POST",
      url,
      headers: { ...headers, ...settings.headers },
      body: JSON.stringify(translateOllamaRequest(request, stream)),
    }),
    parseResponse: (json): MessageResponse => translateOllamaResponse(ollamaChatChunkSchema.parse(json), settings.model),
    translateStream: (body, requestId) => translateOllamaStream(body, settings, requestId),
    streamBody: NDJSON_STREAM,
  });
}

export interface OllamaModel {
  name: string;
  size: number | undefined;
  digest: string | undefined;
  modifiedAt: string | undefined;
  details: Record<string, unknown> | undefined;
}

/** The models an Ollama server has pulled (`GET {base}/api/tags`). */
export async function listOllamaModels(
  baseUrl: string = OLLAMA_DEFAULT_BASE_URL,
  options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined } = {},
): Promise<OllamaModel[]> {
  const url = joinUrl(ollamaRoot(baseUrl), "api/tags");
  const signals = [AbortSignal.timeout(options.timeoutMs ?? 5000), ...(options.signal ? [options.signal] : [])];
  let response;
  try {
    response = await fetchRequest(url, { method: "GET", headers: {}, signal: AbortSignal.any(signals) });
  } catch (error) {
    if (options.signal?.aborted) throw new AbortedError("ollama", options.signal.reason);
    throw connectionError("ollama", url, error);
  }
  const text = await response.body.text();
  if (response.statusCode < 200 || response.statusCode >= 300) {
    throw classifyHttpError({ provider: "ollama", status: response.statusCode, body: text });
  }
  let parsed;
  try {
    parsed = ollamaTagsSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new ApiError(`ollama: ${url} did not answer with a model list (${describeError(error)})`, {
      provider: "ollama",
      code: "invalid_response",
      status: response.statusCode,
    });
  }
  return parsed.models.map((model) => ({
    name: model.name,
    size: model.size ?? undefined,
    digest: model.digest ?? undefined,
    modifiedAt: model.modified_at ?? undefined,
    details: model.details ?? undefined,
  }));
}
