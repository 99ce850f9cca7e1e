import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
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
});
