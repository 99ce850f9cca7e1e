/** Every event a telemetry sink can receive. `type` is the discriminant written to JSONL. */
export type TelemetryEvent =
  | AnalyticsEvent
  | HttpRequestStartedEvent
  | HttpRequestSucceededEvent
  | HttpRequestFailedEvent
  | SessionTraceRecord;

export type TelemetryAttributes = Record<string, unknown>;

/** A product analytics event, e.g. `{ namespace: "cli", action: "command_run" }`. */
export interface AnalyticsEvent {
  type: "analytics";
  namespace: string;
  action: string;
  properties: TelemetryAttributes;
  timestampMs: number;
}

interface HttpRequestBase {
  /** Session the request belongs to, when known. */
  sessionId?: string;
  /** 1 for the first try, 2 for the first retry, … */
  attempt: number;
  method: string;
  /** URL path only (never the query string, which may hold keys). */
  path: string;
  timestampMs: number;
}

export interface HttpRequestStartedEvent extends HttpRequestBase {
  type: "http_request_started";
}

export interface HttpRequestSucceededEvent extends HttpRequestBase {
  type: "http_request_succeeded";
  status: number;
  requestId?: string;
  durationMs: number;
}

export interface HttpRequestFailedEvent extends HttpRequestBase {
  type: "http_request_failed";
  /** HTTP status when the server answered; absent for connection errors. */
  status?: number;
  requestId?: string;
  error: string;
  retryable: boolean;
  durationMs: number;
}

/** One step of a session's trace; `sequence` increases by one per record within a session. */
export interface SessionTraceRecord {
  type: "session_trace";
  sessionId: string;
  sequence: number;
  name: string;
  timestampMs: number;
  attributes: TelemetryAttributes;
}

export function analyticsEvent(
  namespace: string,
  action: string,
  properties: TelemetryAttributes = {},
  timestampMs: number = Date.now(),
): AnalyticsEvent {
  return { type: "analytics", namespace, action, properties, timestampMs };
}
