import type { TelemetryEvent } from "./events.js";
import { redactEvent } from "./redact.js";
import { markRedacting, type TelemetrySink } from "./sink.js";

/**
 * Sends each event (redacted once) to every inner sink. A sink that throws does not stop the
 * others; the failure goes to `onError` (stderr by default).
 */
export class FanoutSink implements TelemetrySink {
  readonly #sinks: readonly TelemetrySink[];
  readonly #onError: (error: Error, sink: TelemetrySink) => void;

  constructor(sinks: readonly TelemetrySink[], onError?: (error: Error, sink: TelemetrySink) => void) {
    this.#sinks = [...sinks];
    this.#onError =
      onError ?? ((error) => process.stderr.write(`axion: telemetry sink failed: ${error.message}\n`));
    markRedacting(this);
  }

  emit(event: TelemetryEvent): void {
    const redacted = redactEvent(event);
    for (const sink of this.#sinks) {
      try {
        sink.emit(redacted);
      } catch (error) {
        this.#onError(error instanceof Error ? error : new Error(String(error)), sink);
      }
    }
  }

  async flush(): Promise<void> {
    await Promise.all(this.#sinks.map((sink) => sink.flush?.()));
  }
}
