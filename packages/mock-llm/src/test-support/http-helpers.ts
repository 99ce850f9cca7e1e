/** A server-sent event as read off the wire. */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

/** Read a whole body as raw network chunks (each a separate read from the socket). */
export async function readChunks(response: Response): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = response.body?.getReader();
  if (reader === undefined) throw new Error("response has no body");
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

export function decodeChunks(chunks: Uint8Array[]): string {
  return Buffer.concat(chunks.map((chunk) => Buffer.from(chunk))).toString("utf8");
}

/** Parse an SSE body into events (the parts this mock writes: `event:` and `data:` lines). */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split("\n\n")) {
    if (block.trim().length === 0) continue;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event: ")) event = line.slice("event: ".length);
      else if (line.startsWith("data: ")) data.push(line.slice("data: ".length));
      else throw new Error(`unexpected SSE line: ${JSON.stringify(line)}`);
    }
    events.push({ event, data: data.join("\n") });
  }
  return events;
}

export async function readSse(response: Response): Promise<SseEvent[]> {
  return parseSse(decodeChunks(await readChunks(response)));
}

/** JSON payloads of SSE events, skipping a final `[DONE]`. */
export function sseJson(events: SseEvent[]): Array<Record<string, unknown>> {
  return events.filter((event) => event.data !== "[DONE]").map((event) => JSON.parse(event.data) as Record<string, unknown>);
}
