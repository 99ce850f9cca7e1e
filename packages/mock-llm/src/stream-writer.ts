import type { ServerResponse } from "node:http";
import type { MockStreamFault } from "./mock-types.js";
import { splitOffsetInsideCharacter } from "./split-text.js";

export interface StreamWriteOptions {
  chunkDelayMs: number;
  fault: MockStreamFault | undefined;
  /** What a `pings` fault sends (the wire format's keep-alive). */
  keepAliveFrame?: string;
}

/** What happened to a stream. */
export type StreamOutcome = "complete" | "cut" | "stall" | "end" | "pings" | "client-closed";

/**
 * Write stream frames one by one. A frame holding a multi-byte UTF-8 character is written as two
 * buffer slices split inside that character (half a chunk delay apart), so readers must reassemble
 * bytes before decoding.
 * A `cut` fault writes half of frame `afterEvents` and destroys the socket; a `stall` fault stops
 * before that frame and leaves the connection open; an `end` fault ends the response cleanly there; a
 * `pings` fault sends only keep-alive frames from there on, until the client goes away.
 */
export async function writeStreamFrames(response: ServerResponse, frames: string[], options: StreamWriteOptions): Promise<StreamOutcome> {
  const { fault } = options;
  for (const [index, frame] of frames.entries()) {
    if (isGone(response)) return "client-closed";
    if (index > 0 && options.chunkDelayMs > 0) await sleep(options.chunkDelayMs);
    if (isGone(response)) return "client-closed";
    const bytes = Buffer.from(frame, "utf8");
    if (fault !== undefined && index === fault.afterEvents) {
      if (fault.kind === "stall") return "stall";
      if (fault.kind === "end" || fault.kind === "pings") return endEarly(response, fault, options.keepAliveFrame);
      response.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))));
      await nextTick();
      response.socket?.destroy();
      response.destroy();
      return "cut";
    }
    const split = splitOffsetInsideCharacter(bytes);
    if (split > 0) {
      response.write(bytes.subarray(0, split));
      if (options.chunkDelayMs > 0) await sleep(Math.ceil(options.chunkDelayMs / 2));
      else await nextTick();
      if (isGone(response)) return "client-closed";
      response.write(bytes.subarray(split));
    } else {
      response.write(bytes);
    }
    await nextTick();
  }
  if (fault !== undefined && fault.afterEvents >= frames.length) {
    if (fault.kind === "stall") return "stall";
    if (fault.kind === "end" || fault.kind === "pings") return endEarly(response, fault, options.keepAliveFrame);
    response.socket?.destroy();
    response.destroy();
    return "cut";
  }
  response.end();
  return "complete";
}

/** Ends the response where an `end` fault says; a `pings` fault first sends keep-alives until the client leaves. */
async function endEarly(response: ServerResponse, fault: MockStreamFault, keepAliveFrame = "\n"): Promise<StreamOutcome> {
  if (fault.kind === "end") {
    response.end();
    return "end";
  }
  const intervalMs = fault.intervalMs ?? 50;
  while (!isGone(response)) {
    response.write(keepAliveFrame);
    await sleep(intervalMs);
  }
  return "pings";
}

function isGone(response: ServerResponse): boolean {
  return response.destroyed || response.writableEnded || response.socket?.destroyed === true;
}

function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
