import { existsSync, linkSync, symlinkSync } from "node:fs";
import { link, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PermissionMode } from "../permission-mode.js";
import { ToolError } from "../tool-error.js";
import { createWorkspaceFs } from "./workspace-fs.js";

let base: string;
let root: string;
let outside: string;
let mode: PermissionMode;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), "axion-workspace-fs-")));
  root = join(base, "workspace");
  outside = join(base, "outside");
  await mkdir(root);
  await mkdir(outside);
  await writeFile(join(outside, "secret.txt"), "secret");
  await writeFile(join(root, "inside.txt"), "inside");
  mode = "workspace-write";
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const fs = () => createWorkspaceFs({ root, mode: () => mode });

async function toolError(promise: Promise<unknown>): Promise<ToolError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(ToolError.isInstance(error)).toBe(true);
  return error as ToolError;
}

describe("createWorkspaceFs", () => {
  it("reads and stats files relative to the root", async () => {
    expect((await fs().readFile("inside.txt")).toString()).toBe("inside");
    expect(await fs().stat("inside.txt")).toMatchObject({ isFile: true, isDirectory: false, size: 6 });
    expect(await fs().stat("missing.txt")).toBeUndefined();
    expect(await fs().resolve("inside.txt", "read")).toBe(join(root, "inside.txt"));
  });

  it("creates parent folders on write and says whether the file is new", async () => {
    expect(await fs().writeFile("a/b/new.txt", "one")).toEqual({ created: true, absolutePath: join(root, "a/b/new.txt") });
    expect(await fs().writeFile("a/b/new.txt", "two")).toMatchObject({ created: false });
    expect(await readFile(join(root, "a/b/new.txt"), "utf8")).toBe("two");
  });

  it("refuses escapes through .., absolute paths and symlinks", async () => {
    await symlink(outside, join(root, "link"));
    await symlink(join(outside, "secret.txt"), join(root, "secret-link.txt"));
    for (const path of ["../outside/secret.txt", join(outside, "secret.txt"), "link/secret.txt", "secret-link.txt"]) {
      expect((await toolError(fs().readFile(path))).code).toBe("path_outside_workspace");
    }
    expect((await toolError(fs().writeFile("link/planted.txt", "x"))).code).toBe("path_outside_workspace");
    expect((await toolError(fs().writeFile("secret-link.txt", "x"))).code).toBe("path_outside_workspace");
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret");
  });

  it("reads the mode on every call", async () => {
    const workspace = fs();
    await toolError(workspace.readFile("../outside/secret.txt"));
    mode = "danger-full-access";
    expect((await workspace.readFile("../outside/secret.txt")).toString()).toBe("secret");
  });

  it("reports missing files and directories as ToolErrors", async () => {
    expect((await toolError(fs().readFile("missing.txt"))).message).toBe("File not found: missing.txt");
    await mkdir(join(root, "folder"));
    expect((await toolError(fs().readFile("folder"))).code).toBe("is_directory");
    expect((await toolError(fs().writeFile("folder", "x"))).code).toBe("is_directory");
    expect((await toolError(fs().writeFile("inside.txt/child", "x"))).code).toBe("not_a_directory");
  });

  it("refuses a write through a dangling symlink and leaves its target uncreated", async () => {
    await symlink(join(outside, "new.txt"), join(root, "dl"));
    const error = await toolError(fs().writeFile("dl", "planted"));
    expect(error.message).toBe(`dl is a symlink to ${join(outside, "new.txt")}, which does not exist; refusing to follow it`);
    expect(existsSync(join(outside, "new.txt"))).toBe(false);
  });

  it("refuses writing a file hard-linked to an outside file and leaves both unchanged", async () => {
    await link(join(outside, "secret.txt"), join(root, "hard.txt"));
    expect((await toolError(fs().writeFile("hard.txt", "changed"))).code).toBe("hard_linked_file");
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret");
    expect((await fs().readFile("hard.txt")).toString()).toBe("secret");
    mode = "danger-full-access";
    await fs().writeFile("hard.txt", "changed");
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("changed");
  });

  // The mode is read once when the path is checked and once more just before the write: the second read
  // plants a link at the final name, as a racing process could.
  it.each([
    ["a symlink", "symlink_swapped", (target: string) => symlinkSync(join(outside, "secret.txt"), target)],
    ["a hard link", "hard_linked_file", (target: string) => linkSync(join(outside, "secret.txt"), target)],
  ])("refuses %s planted between the check and the write", async (_label, code, plant) => {
    let calls = 0;
    const racing = createWorkspaceFs({
      root,
      mode: () => {
        calls += 1;
        if (calls === 2) plant(join(root, "raced.txt"));
        return "workspace-write";
      },
    });
    expect((await toolError(racing.writeFile("raced.txt", "overwritten"))).code).toBe(code);
    expect(calls).toBe(2);
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret");
  });
});
