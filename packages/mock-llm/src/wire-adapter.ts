import type { NormalizedMessage } from "./conversation-view.js";
import type { WireFormat } from "./mock-types.js";
import type { ResolvedTurn } from "./resolve-turn.js";

/** Per-response values a wire format needs to render a turn. */
export interface RenderContext {
  /** The model named in the request (or `mock-model`). */
  model: string;
  /** 1-based response number, used in generated ids. */
  responseNumber: number;
  /** Unix time in seconds. */
  createdAt: number;
}

/** How one wire format reads requests and writes responses. */
export interface WireAdapter {
  wireFormat: Exclude<WireFormat, "other">;
  /** Header that carries the request id (`request-id` or `x-request-id`). */
  requestIdHeader: string;
  /** Check the request body; return a one-line problem, or undefined when it is usable. */
  validate(body: Record<string, unknown>): string | undefined;
  isStream(body: Record<string, unknown>): boolean;
  readConversation(body: Record<string, unknown>): NormalizedMessage[];
  streamContentType: string;
  /** A frame that keeps the connection alive without carrying anything (a ping). */
  keepAliveFrame: string;
  /** Stream frames, each one complete event / line, in order. */
  renderStream(turn: ResolvedTurn, context: RenderContext, body: Record<string, unknown>): string[];
  renderJson(turn: ResolvedTurn, context: RenderContext): unknown;
  errorBody(status: number, message: string): unknown;
  /** Prefix for generated tool-call ids. */
  toolIdPrefix: string;
}

export function modelOf(body: Record<string, unknown>): string {
  return typeof body["model"] === "string" && body["model"].length > 0 ? body["model"] : "mock-model";
}

export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
