import { describe, expect, it } from "vitest";
import { StartupProfiler, isProfilingEnabled } from "./startup-profiler.js";

describe("StartupProfiler", () => {
  it("records phases with offsets and durations and prints them when AXION_PROFILE=1", () => {
    const ticks = [10, 12.5, 30];
    const profiler = new StartupProfiler(() => ticks.shift() ?? 0);
    profiler.mark("argv");
    profiler.mark("config");
    profiler.mark("ready");
    expect(profiler.phases.map((phase) => [phase.name, phase.atMs, phase.durationMs])).toEqual([
      ["argv", 10, 10],
      ["config", 12.5, 2.5],
      ["ready", 30, 17.5],
    ]);
    let printed = "";
    expect(profiler.reportIfEnabled({ AXION_PROFILE: "1" }, (text) => (printed += text))).toBe(true);
    expect(printed).toContain("axion start-up profile");
    expect(printed).toMatch(/config\s+12\.5\s+2\.5/);
    expect(printed).toMatch(/ready\s+30\.0\s+17\.5/);
  });

  it("prints nothing unless profiling is enabled", () => {
    const profiler = new StartupProfiler();
    profiler.mark("argv");
    let printed = "";
    expect(profiler.reportIfEnabled({}, (text) => (printed += text))).toBe(false);
    expect(printed).toBe("");
    expect(isProfilingEnabled({ AXION_PROFILE: "0" })).toBe(false);
    expect(isProfilingEnabled({ AXION_PROFILE: "true" })).toBe(true);
  });
});
