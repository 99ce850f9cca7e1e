/**
 * HTTP through Node's own undici (the global `fetch`). It is compiled into Node, so using it costs a few
 * milliseconds where loading the npm copy of undici cost about 300 ms at start-up (measured in the CLI bench).
 * The shape mirrors what the transport needs: status, headers as a plain object, and a body that can be read
 * as text or iterated as bytes and destroyed early.
 */
export interface FetchResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: FetchBody;
}

export interface FetchBody extends AsyncIterable<Uint8Array> {
  text(): Promise<string>;
  readonly destroyed: boolean;
  destroy(): void;
}

export interface FetchRequestOptions {
  method: string;
  headers: Record<string, string>;
  body?: string | null | undefined;
  signal?: AbortSignal | null | undefined;
}

/** `fetch` wraps network failures as `TypeError: fetch failed`; the cause (ECONNRESET, …) is what matters. */
function unwrap(error: unknown): unknown {
  if (error instanceof TypeError && (error as { cause?: unknown }).cause !== undefined) return (error as { cause: unknown }).cause;
  return error;
}

export async function fetchRequest(url: string, options: FetchRequestOptions): Promise<FetchResponse> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method,
      headers: options.headers,
      ...(options.body === undefined || options.body === null ? {} : { body: options.body }),
      ...(options.signal ? { signal: options.signal } : {}),
      redirect: "follow",
    });
  } catch (error) {
    throw unwrap(error);
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const stream = response.body;
  let destroyed = false;
  const body: FetchBody = {
    get destroyed() {
      return destroyed;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stream?.cancel().catch(() => {});
    },
    async text() {
      try {
        return await response.text();
      } catch (error) {
        throw unwrap(error);
      } finally {
        destroyed = true;
      }
    },
    async *[Symbol.asyncIterator]() {
      if (!stream) return;
      const reader = stream.getReader();
      try {
        for (;;) {
          let chunk: Awaited<ReturnType<typeof reader.read>>;
          try {
            chunk = await reader.read();
          } catch (error) {
            throw unwrap(error);
          }
          if (chunk.done) return;
          yield chunk.value;
        }
      } finally {
        destroyed = true;
        reader.releaseLock();
        stream.cancel().catch(() => {});
      }
    },
  };
  return { statusCode: response.status, headers, body };
}
