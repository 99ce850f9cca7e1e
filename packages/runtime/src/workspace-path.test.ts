import { linkSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ToolError } from "./tool-error.js";
import { realPathOf, resolveWorkspacePath } from "./workspace-path.js";

const bases: string[] = [];
afterEach(() => {
  for (const base of bases.splice(0)) rmSync(base, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<ToolError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(ToolError.isInstance(error)).toBe(true);
  return error as ToolError;
}

function layout() {
  const base = realpathSync(mkdtempSync(join(tmpdir(), "axion-scope-")));
  bases.push(base);
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

  it("refuses a dangling symlink below danger-full-access instead of writing its target", async () => {
    const { workspace, outside } = layout();
    symlinkSync(join(outside, "new.txt"), join(workspace, "dl"));
    symlinkSync(join(outside, "missing-dir"), join(workspace, "dl-dir"));
    symlinkSync("src/not-yet.ts", join(workspace, "dl-inside"));
    for (const mode of ["read-only", "workspace-write", "prompt"] as const) {
      const error = await refusal(resolveWorkspacePath(workspace, "dl", mode, "write"));
      expect(error.code).toBe("dangling_symlink");
      expect(error.message).toBe(`dl is a symlink to ${join(outside, "new.txt")}, which does not exist; refusing to follow it`);
    }
    const nested = await refusal(resolveWorkspacePath(workspace, "dl-dir/sub/file.txt", "workspace-write", "write"));
    expect(nested.message).toBe(`dl-dir is a symlink to ${join(outside, "missing-dir")}, which does not exist; refusing to follow it`);
    expect((await refusal(resolveWorkspacePath(workspace, "dl-inside", "workspace-write", "write"))).code).toBe("dangling_symlink");
    expect((await refusal(resolveWorkspacePath(workspace, "dl", "read-only", "read"))).code).toBe("dangling_symlink");
  });

  it("resolves a dangling symlink to the file a write would create (danger-full-access, realPathOf)", async () => {
    const { workspace, outside } = layout();
    symlinkSync(join(outside, "new.txt"), join(workspace, "dl"));
    symlinkSync("../outside/chain", join(workspace, "relative-dl"));
    await expect(resolveWorkspacePath(workspace, "dl", "danger-full-access", "write")).resolves.toBe(join(outside, "new.txt"));
    await expect(realPathOf(join(workspace, "dl"))).resolves.toBe(join(outside, "new.txt"));
    await expect(realPathOf(join(workspace, "relative-dl", "x.txt"))).resolves.toBe(join(outside, "chain", "x.txt"));
    await expect(realPathOf(join(workspace, "escape-dir", "new", "deeper.txt"))).resolves.toBe(join(outside, "new", "deeper.txt"));
  });

  it("refuses writing a file with other hard links below danger-full-access, and reading stays allowed", async () => {
    const { workspace, outside } = layout();
    linkSync(join(outside, "secret.txt"), join(workspace, "hard.txt"));
    for (const mode of ["read-only", "workspace-write", "prompt"] as const) {
      const error = await refusal(resolveWorkspacePath(workspace, "hard.txt", mode, "write"));
      expect(error.code).toBe("hard_linked_file");
      expect(error.message).toBe("hard.txt has 1 other hard link (names that may be outside the workspace); refusing to write it below danger-full-access");
    }
    await expect(resolveWorkspacePath(workspace, "hard.txt", "workspace-write", "read")).resolves.toBe(join(workspace, "hard.txt"));
    await expect(resolveWorkspacePath(workspace, "hard.txt", "danger-full-access", "write")).resolves.toBe(join(workspace, "hard.txt"));
  });

  it("turns a NUL byte, an over-long name and a symlink loop into ToolErrors with one-line messages", async () => {
    const { workspace } = layout();
    symlinkSync("loop-b", join(workspace, "loop-a"));
    symlinkSync("loop-a", join(workspace, "loop-b"));
    const nul = await refusal(resolveWorkspacePath(workspace, "a\0b.txt", "workspace-write", "write"));
    expect(nul.code).toBe("invalid_path");
    expect(nul.message).toBe('Invalid path "a\\u0000b.txt": it contains a NUL byte');
    const long = await refusal(resolveWorkspacePath(workspace, "a".repeat(5000), "workspace-write", "write"));
    expect(long.code).toBe("path_too_long");
    expect(long.message).not.toContain("\n");
    expect(long.message.length).toBeLessThan(400);
    expect((await refusal(resolveWorkspacePath(workspace, "loop-a", "read-only", "read"))).code).toBe("symlink_loop");
    expect((await refusal(resolveWorkspacePath(workspace, "loop-a/x", "danger-full-access", "read"))).code).toBe("symlink_loop");
    expect((await refusal(realPathOf("/tmp/a\0b"))).code).toBe("invalid_path");
  });
});
