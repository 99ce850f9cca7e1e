import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clipboardPrograms, copyToClipboard } from "./system-clipboard.js";

describe("copyToClipboard", () => {
  it("pipes the text into the first clipboard program that works", async () => {
    const bin = mkdtempSync(join(tmpdir(), "axion-clip-"));
    const target = join(bin, "copied.txt");
    // xclip is missing here; xsel exists and records what it was given
    writeFileSync(join(bin, "xsel"), `#!/bin/sh\ncat > '${target}'\n`);
    chmodSync(join(bin, "xsel"), 0o755);
    const env = { PATH: `${bin}:/usr/bin:/bin`, DISPLAY: ":0" };
    await expect(copyToClipboard("héllo\nworld", env, "linux")).resolves.toBe(true);
    expect(readFileSync(target, "utf8")).toBe("héllo\nworld");
  });

  it("resolves false without a display or clipboard program", async () => {
    await expect(copyToClipboard("x", { PATH: "/nonexistent" }, "linux")).resolves.toBe(false);
    expect(clipboardPrograms("linux", { WAYLAND_DISPLAY: "wayland-0" }).map((program) => program.command)).toEqual(["wl-copy"]);
    expect(clipboardPrograms("darwin", {}).map((program) => program.command)).toEqual(["pbcopy"]);
  });
});
