import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe.runIf(process.platform === "linux")("/sandbox", () => {
  it("finds bubblewrap and firejail on PATH", async () => {
    const host = await useFakeHost();
    const bin = join(host.root, "bin");
    mkdirSync(bin);
    for (const name of ["bwrap", "firejail"]) {
      writeFileSync(join(bin, name), "#!/bin/sh\nexit 0\n");
      chmodSync(join(bin, name), 0o755);
    }
    writeFileSync(join(bin, "not-a-sandbox"), "");
    const sandboxed = await useFakeHost({ env: { PATH: `${bin}:/usr/bin:/bin` } });
    const { output } = await sandboxed.run("/sandbox");
    expect(output).toBe(
      [
        "Platform: linux",
        "Sandbox tools:",
        `  bwrap  ${bin}/bwrap`,
        `  firejail  ${bin}/firejail`,
        "Bash commands run without an OS sandbox; the permission mode (workspace-write) and the allow/deny rules decide what may run.",
      ].join("\n"),
    );
  });

  it("says when none is installed", async () => {
    const host = await useFakeHost({ env: { PATH: "/nonexistent" } });
    expect((await host.run("/sandbox")).output).toContain("Sandbox tools: none found on PATH (install bubblewrap or firejail)");
  });
});
