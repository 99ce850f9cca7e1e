import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyticsEvent } from "./events.js";
import { JsonlFileSink } from "./jsonl-file-sink.js";

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), "axion-telemetry-")), "logs", "events.jsonl");
}

describe("JsonlFileSink", () => {
  it("appends one JSON event per line, creating the folder, file mode 0600", () => {
    const path = tempFile();
    const sink = new JsonlFileSink({ path });
    sink.emit(analyticsEvent("cli", "start", { n: 1 }, 10));
    sink.emit(analyticsEvent("cli", "stop", { n: 2 }, 20));
    const lines = readFileSync(path, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toEqual({ type: "analytics", namespace: "cli", action: "start", properties: { n: 1 }, timestampMs: 10 });
    expect(JSON.parse(lines[1]!).action).toBe("stop");
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("appends to an existing file instead of truncating it", () => {
    const path = tempFile();
    new JsonlFileSink({ path }).emit(analyticsEvent("a", "one"));
    new JsonlFileSink({ path }).emit(analyticsEvent("a", "two"));
    expect(readFileSync(path, "utf8").trimEnd().split("\n")).toHaveLength(2);
  });

  it("rotates when the size cap would be exceeded and keeps maxFiles old files", () => {
    const path = tempFile();
    const sink = new JsonlFileSink({ path, maxBytes: 200, maxFiles: 2 });
    for (let index = 0; index < 20; index += 1) {
      sink.emit(analyticsEvent("rotation", "tick", { index, pad: "x".repeat(40) }, index));
    }
    const folder = join(path, "..");
    const files = readdirSync(folder).sort();
    expect(files).toEqual(["events.jsonl", "events.jsonl.1", "events.jsonl.2"]);
    for (const file of files) {
      expect(statSync(join(folder, file)).size).toBeLessThanOrEqual(200);
    }
    // newest events are in the live file, the one before in .1, and indexes are contiguous
    const live = readFileSync(path, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line).properties.index);
    const previous = readFileSync(`${path}.1`, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line).properties.index);
    expect(live.at(-1)).toBe(19);
    expect(previous.at(-1)).toBe(live[0] - 1);
    expect(existsSync(`${path}.3`)).toBe(false);
  });

  it("reports a write failure through onError instead of throwing", () => {
    const errors: Error[] = [];
    const blocker = join(mkdtempSync(join(tmpdir(), "axion-telemetry-")), "a-file");
    writeFileSync(blocker, "not a folder");
    const sink = new JsonlFileSink({ path: join(blocker, "events.jsonl"), onError: (error) => errors.push(error) });
    expect(() => sink.emit(analyticsEvent("a", "b"))).not.toThrow();
    expect(errors).toHaveLength(1);
  });
});
