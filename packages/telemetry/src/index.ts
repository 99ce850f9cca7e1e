export type {
  AnalyticsEvent,
  HttpRequestFailedEvent,
  HttpRequestStartedEvent,
  HttpRequestSucceededEvent,
  SessionTraceRecord,
  TelemetryAttributes,
  TelemetryEvent,
} from "./events.js";
export { analyticsEvent } from "./events.js";
export { REDACTED, redactEvent, redactText, redactValue } from "./redact.js";
export type { TelemetrySink } from "./sink.js";
export { createRedactingSink, isRedactingSink, noopSink } from "./sink.js";
export { MemorySink } from "./memory-sink.js";
export type { JsonlFileSinkOptions } from "./jsonl-file-sink.js";
export { JsonlFileSink } from "./jsonl-file-sink.js";
export { FanoutSink } from "./fanout-sink.js";
export type { SessionTracerOptions } from "./session-tracer.js";
export { SessionTracer } from "./session-tracer.js";
export type { StartupPhase } from "./startup-profiler.js";
export { isProfilingEnabled, StartupProfiler } from "./startup-profiler.js";
