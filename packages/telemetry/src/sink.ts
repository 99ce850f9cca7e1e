import type { TelemetryEvent } from "./events.js";
import { redactEvent } from "./redact.js";

/** Receives telemetry events. Built-in sinks redact secrets before storing anything. */
export interface TelemetrySink {
  emit(event: TelemetryEvent): void;
  /** Resolves once everything emitted so far is durable. */
  flush?(): Promise<void>;
}

const REDACTING = Symbol.for("axion.telemetry.redacting");

interface BrandedSink extends TelemetrySink {
  [REDACTING]?: true;
}

/**
 * Wraps any sink so that it only ever sees redacted events. Wrapping twice is a no-op, so every
 * producer can wrap what it was given without paying twice.
 */
export function createRedactingSink(sink: TelemetrySink): TelemetrySink {
  if ((sink as BrandedSink)[REDACTING]) return sink;
  const wrapped: BrandedSink = {
    emit: (event) => sink.emit(redactEvent(event)),
    flush: async () => {
      await sink.flush?.();
    },
    [REDACTING]: true,
  };
  return wrapped;
}

/** True when `sink` redacts before storing (built-in sinks and wrapped sinks). */
export function isRedactingSink(sink: TelemetrySink): boolean {
  return (sink as BrandedSink)[REDACTING] === true;
}

/** Marks a built-in sink as redacting. */
export function markRedacting<T extends TelemetrySink>(sink: T): T {
  Object.defineProperty(sink, REDACTING, { value: true, enumerable: false });
  return sink;
}

/** A sink that drops everything; the default when no telemetry is configured. */
export const noopSink: TelemetrySink = markRedacting({ emit: () => {} });
