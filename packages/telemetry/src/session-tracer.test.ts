import { describe, expect, it } from "vitest";
import { MemorySink } from "./memory-sink.js";
import { SessionTracer } from "./session-tracer.js";

describe("SessionTracer", () => {
  it("numbers records with a strictly increasing sequence and stamps them", () => {
    const sink = new MemorySink();
    let clock = 1000;
    const tracer = new SessionTracer({ sessionId: "s-1", sink, now: () => (clock += 5) });
    tracer.record("turn_started", { prompt_chars: 12 });
    tracer.record("tool_execution_started", { tool: "Read" });
    tracer.record("turn_completed");
    const records = sink.ofType("session_trace");
    expect(records.map((record) => record.sequence)).toEqual([1, 2, 3]);
    expect(records.map((record) => record.name)).toEqual(["turn_started", "tool_execution_started", "turn_completed"]);
    expect(records.map((record) => record.timestampMs)).toEqual([1005, 1010, 1015]);
    expect(records.every((record) => record.sessionId === "s-1")).toBe(true);
  });

  it("continues a resumed session's sequence and redacts attributes", () => {
    const sink = new MemorySink();
    const tracer = new SessionTracer({ sessionId: "s-2", sink, firstSequence: 41 });
    const record = tracer.record("turn_failed", { error: "bad key sk-ant-api03-abcdefghijklmnop" });
    expect(record.sequence).toBe(41);
    expect(tracer.nextSequence).toBe(42);
    expect(JSON.stringify(sink.events)).not.toContain("abcdefghijklmnop");
  });
});
