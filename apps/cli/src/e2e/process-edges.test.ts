// How the binary behaves at the edges of a process: a reader that leaves early, and the code cache's key.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startMockLlm, type MockLlmServer } from "@axion/mock-llm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AXION_BIN, testWorkspace } from "../test-support/run-axion.js";

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlm();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());

describe("process edges", () => {
  it("ends quietly with status 0 when the reader of stdout leaves (| head -1)", () => {
    const { cwd, env } = testWorkspace(mock.baseUrl, { prefix: "axion-epipe-" });
    mock.script([{ text: Array.from({ length: 400 }, (_, index) => `chunk ${index} `.repeat(40)) }]);
    const run = spawnSync(
      "bash",
      ["-c", `"${process.execPath}" "${AXION_BIN}" --output-format stream-json -p hi 2>stderr.txt | head -1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`],
      { cwd, env, encoding: "utf8", timeout: 30_000 },
    );
    expect(run.stdout.trim()).toBe("status=0");
    expect(readFileSync(join(cwd, "stderr.txt"), "utf8")).not.toContain("EPIPE");
  });

  it("keys the code cache by a hash of the bundle's content", () => {
    const dist = dirname(AXION_BIN);
    const hash = createHash("sha256").update(readFileSync(join(dist, "axion-main.cjs"))).digest("hex").slice(0, 16);
    expect(readFileSync(AXION_BIN, "utf8")).toContain(hash);
    const cacheDir = mkdtempSync(join(tmpdir(), "axion-cache-"));
    const run = spawnSync(process.execPath, [AXION_BIN, "version"], { env: { PATH: process.env["PATH"] ?? "", HOME: cacheDir, AXION_CACHE_DIR: cacheDir }, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(readdirSync(cacheDir).some((name) => name.includes(hash))).toBe(true);
  });
});
