import { describe, expect, it } from "vitest";
import { analyticsEvent, type TelemetryEvent } from "./events.js";
import { FanoutSink } from "./fanout-sink.js";
import { MemorySink } from "./memory-sink.js";

describe("FanoutSink", () => {
  it("delivers every event to every sink even when one throws", () => {
    const first = new MemorySink();
    const second = new MemorySink();
    const failures: string[] = [];
    const broken = { emit: (_event: TelemetryEvent) => { throw new Error("disk full"); } };
    const fanout = new FanoutSink([first, broken, second], (error) => failures.push(error.message));
    fanout.emit(analyticsEvent("x", "y", { secret: "hunter22" }));
    expect(first.events).toHaveLength(1);
    expect(second.events).toHaveLength(1);
    expect(failures).toEqual(["disk full"]);
    expect(JSON.stringify(second.events)).not.toContain("hunter22");
  });
});
