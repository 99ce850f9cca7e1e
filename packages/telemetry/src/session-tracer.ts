import type { SessionTraceRecord, TelemetryAttributes } from "./events.js";
import { createRedactingSink, type TelemetrySink } from "./sink.js";

export interface SessionTracerOptions {
  sessionId: string;
  sink: TelemetrySink;
  /** Clock in epoch milliseconds; injectable for tests. */
  now?: () => number;
  /** Sequence of the first record. Default 1 (a resumed session passes its last sequence + 1). */
  firstSequence?: number;
}

/** Records the named steps of one session with strictly increasing sequence numbers. */
export class SessionTracer {
  readonly sessionId: string;
  readonly #sink: TelemetrySink;
  readonly #now: () => number;
  #nextSequence: number;

  constructor(options: SessionTracerOptions) {
    this.sessionId = options.sessionId;
    this.#sink = createRedactingSink(options.sink);
    this.#now = options.now ?? Date.now;
    this.#nextSequence = options.firstSequence ?? 1;
  }

  record(name: string, attributes: TelemetryAttributes = {}): SessionTraceRecord {
    const record: SessionTraceRecord = {
      type: "session_trace",
      sessionId: this.sessionId,
      sequence: this.#nextSequence,
      name,
      timestampMs: this.#now(),
      attributes,
    };
    this.#nextSequence += 1;
    this.#sink.emit(record);
    return record;
  }

  /** The sequence number the next record will carry. */
  get nextSequence(): number {
    return this.#nextSequence;
  }
}
