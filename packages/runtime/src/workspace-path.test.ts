import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ToolError } from "./tool-error.js";
import { resolveWorkspacePath } from "./workspace-path.js";

function layout() {
  const base = realpathSync(mkdtempSync(join(tmpdir(), "axion-scope-")));
  const workspace = join(base, "workspace");
  const outside = join(base, "outside");
  mkdirSync(join(workspace, "src"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, "secret.txt"), "secret");
  writeFileSync(join(workspace, "src", "a.ts"), "a");
  symlinkSync(outside, join(workspace, "escape-dir"));
  symlinkSync(join(outside, "secret.txt"), join(workspace, "escape-file"));
  symlinkSync(join(workspace, "src"), join(workspace, "inner-link"));
  return { workspace, outside };
}

describe("resolveWorkspacePath", () => {
  it("resolves relative, absolute and symlinked paths that stay inside", async () => {
    const { workspace } = layout();
    await expect(resolveWorkspacePath(workspace, "src/a.ts", "read-only", "read")).resolves.toBe(join(workspace, "src", "a.ts"));
    await expect(resolveWorkspacePath(workspace, join(workspace, "src/a.ts"), "workspace-write", "write")).resolves.toBe(join(workspace, "src", "a.ts"));
    await expect(resolveWorkspacePath(workspace, "inner-link/a.ts", "read-only", "read")).resolves.toBe(join(workspace, "src", "a.ts"));
    await expect(resolveWorkspacePath(workspace, "new/dir/file.txt", "workspace-write", "write")).resolves.toBe(join(workspace, "new", "dir", "file.txt"));
  });

  it.each([
    ["a .. escape", "../outside/secret.txt"],
    ["an absolute path", "/etc/passwd"],
    ["a symlinked folder", "escape-dir/secret.txt"],
    ["a symlinked file", "escape-file"],
    ["a new file under a symlinked folder", "escape-dir/new.txt"],
    ["a .. hidden in the middle", "src/../../outside/secret.txt"],
  ])("refuses %s below danger-full-access", async (_label, path) => {
    const { workspace } = layout();
    for (const mode of ["read-only", "workspace-write", "prompt"] as const) {
      const error = await resolveWorkspacePath(workspace, path, mode, "write").catch((caught: unknown) => caught);
      expect(ToolError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain("outside the workspace");
    }
  });

  it("allows outside paths in danger-full-access", async () => {
    const { workspace, outside } = layout();
    await expect(resolveWorkspacePath(workspace, "escape-file", "danger-full-access", "read")).resolves.toBe(join(outside, "secret.txt"));
  });
});
