import { ApiError, InvalidRequestError, InvalidSseFrameError } from "../errors.js";
import {
  EVENT_STREAM,
  openStreamingRequest,
  performJsonRequest,
  type HttpRequestSpec,
  type StreamBodyKind,
} from "../http-transport.js";
import { messageRequestSchema, type MessageRequest, type MessageResponse } from "../message-model.js";
import type { CallOptions, ClientRequest, ProviderClient } from "../provider-client.js";
import { resolveModel } from "../resolve-model.js";
import { streamWithRetries, withRetries } from "../retry.js";
import type { StreamEvent } from "../stream-events.js";
import type { ProviderSettings } from "./provider-settings.js";

/** The wire-specific half of a provider client. */
export interface WireTranslator {
  buildRequest(request: MessageRequest, stream: boolean): HttpRequestSpec;
  parseResponse(json: unknown, requestId: string | undefined): MessageResponse;
  translateStream(body: AsyncIterable<Uint8Array>, requestId: string | undefined): AsyncIterable<StreamEvent>;
  /** What a streaming response must be (default: an event stream, `text/event-stream`). */
  streamBody?: StreamBodyKind | undefined;
}

/** The wire model for a request: the client's own, or the request's (alias resolved, own prefix dropped). */
export function requestModel(settings: ProviderSettings, request: ClientRequest): string {
  if (request.model === undefined || request.model === "") return settings.model;
  if (settings.provider === "openai-compatible") return request.model.replace(/^openai-compatible\//, "");
  return resolveModel(request.model).model;
}

/**
 * Builds a ProviderClient from a translator: retries (also of a stream that breaks before its first content
 * block), abort, the idle timeout, the overall request timeout and telemetry come from here, once for every
 * wire format.
 */
export function createClientFromTranslator(settings: ProviderSettings, translator: WireTranslator): ProviderClient {
  const { provider } = settings;
  const toRequest = (request: ClientRequest, stream: boolean): MessageRequest => {
    const { model: _ignored, ...rest } = request;
    const full: MessageRequest = { ...rest, model: requestModel(settings, request), stream };
    const checked = messageRequestSchema.safeParse(full);
    if (!checked.success) {
      throw new InvalidRequestError(`${provider}: the request is not valid (${describeError(checked.error)})`, { provider });
    }
    return full;
  };
  return {
    provider,
    model: settings.model,
    async *stream(request: ClientRequest, options: CallOptions = {}): AsyncGenerator<StreamEvent, void, undefined> {
      // Built on first iteration, so a bad request surfaces where the events are read.
      const spec = translator.buildRequest(toRequest(request, true), true);
      const limits = { provider, signal: options.signal, requestTimeoutMs: settings.http.requestTimeoutMs };
      yield* streamWithRetries(settings.retry, limits, async function* (attempt, signal, progress) {
        const opened = await openStreamingRequest(settings.http, spec, attempt, signal, translator.streamBody ?? EVENT_STREAM);
        progress.requestId = opened.requestId;
        for await (const event of translator.translateStream(opened.body, opened.requestId)) {
          // Pings prove the connection lives, not that the reply moves: they do not restart the idle clock.
          if (event.type === "ping") opened.keepAlive();
          else opened.progress();
          yield event;
        }
      });
    },
    async send(request: ClientRequest, options: CallOptions = {}): Promise<MessageResponse> {
      const spec = translator.buildRequest(toRequest(request, false), false);
      const limits = { provider, signal: options.signal, requestTimeoutMs: settings.http.requestTimeoutMs };
      const { json, requestId, status } = await withRetries(settings.retry, limits, (attempt, signal) =>
        performJsonRequest(settings.http, spec, attempt, signal),
      );
      try {
        return translator.parseResponse(json, requestId);
      } catch (error) {
        if (ApiError.isInstance(error)) throw error;
        throw new ApiError(`${provider}: the response does not have the expected shape (${describeError(error)})`, {
          provider,
          code: "invalid_response",
          status,
          requestId,
          cause: error,
        });
      }
    },
  };
}

/** A short one-line description of a zod or other error. */
export function describeError(error: unknown): string {
  if (typeof error === "object" && error !== null && Array.isArray((error as { issues?: unknown }).issues)) {
    const issues = (error as { issues: { path: PropertyKey[]; message: string }[] }).issues;
    return issues
      .slice(0, 3)
      .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
      .join("; ");
  }
  return error instanceof Error ? error.message : String(error);
}

/** A stream event or chunk that does not match the wire schema. */
export function invalidWireEvent(settings: Pick<ProviderSettings, "provider">, data: unknown, error: unknown): ApiError {
  const excerpt = JSON.stringify(data)?.slice(0, 200) ?? String(data);
  return new InvalidSseFrameError(
    `${settings.provider}: the stream sent an event this client does not understand (${describeError(error)}): ${excerpt}`,
    { provider: settings.provider, excerpt, cause: error },
  );
}

/** The base URL without its query string and trailing slashes. */
export function basePath(base: string): string {
  const queryStart = base.search(/[?#]/);
  return (queryStart === -1 ? base : base.slice(0, queryStart)).replace(/\/+$/, "");
}

/** Appends `path` to the base URL's path without doubling slashes; a query string (`?api-version=…`) is kept. */
export function joinUrl(base: string, path: string): string {
  const queryStart = base.search(/[?#]/);
  const root = queryStart === -1 ? base : base.slice(0, queryStart);
  const query = queryStart === -1 ? "" : base.slice(queryStart);
  return `${root.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}${query}`;
}

let idCounter = 0;

/** A fresh id for tool calls or messages a provider did not name. */
export function generateId(prefix: string): string {
  idCounter = (idCounter + 1) % 1_000_000;
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}${idCounter.toString(36)}`;
}
