import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAxion } from "./test-support/run-axion.js";

const { version } = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")) as { version: string };

describe("axion binary", () => {
  it("prints the package version for --version, -V and -v", async () => {
    for (const flag of ["--version", "-V", "-v"]) {
      const run = await runAxion([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
      expect(run.stderr).toBe("");
    }
  });

  it("prints help that names the binary and its commands", async () => {
    const run = await runAxion(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: axion");
    expect(run.stdout).toContain("version");
  });

  it("reports the runtime with the version subcommand", async () => {
    const run = await runAxion(["version"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^axion ${version.replace(/\./g, "\\.")} \\(node v20`));
  });

  it("prints the start-up profile on stderr when AXION_PROFILE=1", async () => {
    const run = await runAxion(["version"], { env: { PATH: process.env["PATH"] ?? "", HOME: "/nonexistent", AXION_PROFILE: "1" } });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("axion start-up profile");
    expect(run.stderr).toContain("main_loaded");
  });

  it("fails with exit 1 and a one-line error for an unknown option", async () => {
    const run = await runAxion(["--no-such-flag"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("unknown option '--no-such-flag'");
    expect(run.stdout).toBe("");
  });
});
