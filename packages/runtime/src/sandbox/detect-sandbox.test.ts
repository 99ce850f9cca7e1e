import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { detectSandbox } from "./detect-sandbox.js";

function fakeBin(script: string): string {
  const directory = mkdtempSync(join(tmpdir(), "axion-fake-bwrap-"));
  onTestFinished(() => rmSync(directory, { recursive: true, force: true }));
  writeFileSync(join(directory, "bwrap"), `#!/bin/sh\n${script}\n`);
  chmodSync(join(directory, "bwrap"), 0o755);
  return directory;
}

describe("detectSandbox", () => {
  it("says when bwrap is not on PATH", () => {
    expect(detectSandbox({ PATH: "/nonexistent-axion" }, "linux")).toEqual({ available: false, reason: "bwrap not found" });
  });

  it("gives the first line bwrap printed when its probe fails (e.g. no user namespaces)", () => {
    const bin = fakeBin("echo 'bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces.' >&2\necho second >&2\nexit 1");
    expect(detectSandbox({ PATH: bin }, "linux")).toEqual({
      available: false,
      bwrapPath: join(bin, "bwrap"),
      reason: "bwrap failed: bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces.",
    });
  });

  it("is unavailable off Linux", () => {
    expect(detectSandbox({ PATH: "/usr/bin" }, "darwin")).toEqual({ available: false, reason: "the sandbox needs Linux and bubblewrap; this is darwin" });
  });

  it("answers from memory the second time", () => {
    const bin = fakeBin(`echo run >> "$(dirname "$0")/runs"\nif [ "$1" = --version ]; then echo 'bubblewrap 9.9.9'; fi`);
    const first = detectSandbox({ PATH: bin }, "linux");
    expect(first).toEqual({ available: true, bwrapPath: join(bin, "bwrap"), version: "9.9.9" });
    expect(detectSandbox({ PATH: bin }, "linux")).toBe(first);
  });

  it.skipIf(process.platform !== "linux" || detectSandbox().available === false)("finds the real bwrap and its version", () => {
    const detection = detectSandbox();
    expect(detection).toMatchObject({ available: true });
    if (detection.available) expect(detection.version).toMatch(/^\d+\.\d+/);
  });
});
