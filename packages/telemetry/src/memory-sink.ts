import type { TelemetryEvent } from "./events.js";
import { redactEvent } from "./redact.js";
import { markRedacting, type TelemetrySink } from "./sink.js";

/** Keeps redacted events in memory; for tests and for `/status`-style introspection. */
export class MemorySink implements TelemetrySink {
  readonly #events: TelemetryEvent[] = [];

  constructor() {
    markRedacting(this);
  }

  emit(event: TelemetryEvent): void {
    this.#events.push(redactEvent(event));
  }

  /** A snapshot of every event received so far, oldest first. */
  get events(): readonly TelemetryEvent[] {
    return [...this.#events];
  }

  ofType<T extends TelemetryEvent["type"]>(type: T): Extract<TelemetryEvent, { type: T }>[] {
    return this.#events.filter((event): event is Extract<TelemetryEvent, { type: T }> => event.type === type);
  }

  clear(): void {
    this.#events.length = 0;
  }

  async flush(): Promise<void> {}
}
