import { spawn } from "node:child_process";
import { chmodSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { link, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
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
    // danger-full-access writes it, but atomically: the rename gives hard.txt a new inode, so the link is
    // broken and the other name keeps the old content (before atomic writes it was changed through the link).
    mode = "danger-full-access";
    await fs().writeFile("hard.txt", "changed");
    expect((await fs().readFile("hard.txt")).toString()).toBe("changed");
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret");
    expect(statSync(join(root, "hard.txt")).nlink).toBe(1);
  });

  it("keeps the mode of an existing 0755 file", async () => {
    await writeFile(join(root, "run.sh"), "#!/bin/sh\n");
    chmodSync(join(root, "run.sh"), 0o755);
    await fs().writeFile("run.sh", "#!/bin/sh\necho hi\n");
    expect(statSync(join(root, "run.sh")).mode & 0o7777).toBe(0o755);
    expect(readdirSync(root).sort()).toEqual(["inside.txt", "run.sh"]);
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

describe("createWorkspaceFs writes under SIGKILL", () => {
  const SIZE = 80 * 1024 * 1024;
  const KILLS = 10;

  /** The real modules, transpiled into `folder`, and a script that writes `SIZE` bytes of one letter through them. */
  function childScript(folder: string): string {
    const modules = ["host/workspace-fs", "host/replace-file", "workspace-path", "tool-error"];
    mkdirSync(join(folder, "host"), { recursive: true });
    for (const name of modules) {
      const source = readFileSync(new URL(`../${name}.ts`, import.meta.url), "utf8");
      const output = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } });
      writeFileSync(join(folder, `${name}.mjs`), output.outputText.replaceAll('.js";', '.mjs";'));
    }
    return [
      `import { createWorkspaceFs } from ${JSON.stringify(join(folder, "host/workspace-fs.mjs"))};`,
      `const [root, letter] = process.argv.slice(1);`,
      `const data = Buffer.alloc(${SIZE}, letter);`,
      `const fs = createWorkspaceFs({ root, mode: () => "workspace-write" });`,
      `process.stdout.write("writing\\n");`,
      `await fs.writeFile("big.txt", data);`,
      `process.stdout.write("done\\n");`,
    ].join("\n");
  }

  /** Whether `content` is `SIZE` bytes of `letter` (compared a megabyte at a time). */
  function allOf(content: Buffer, letter: string): boolean {
    const chunk = Buffer.alloc(1024 * 1024, letter);
    if (content.length !== SIZE) return false;
    for (let offset = 0; offset < SIZE; offset += chunk.length) {
      if (content.compare(chunk, 0, chunk.length, offset, offset + chunk.length) !== 0) return false;
    }
    return true;
  }

  /** Runs the writer; `killAfter` (ms after it starts writing) SIGKILLs it. Resolves how long the write ran. */
  function runWriter(script: string, letter: string, killAfter?: number): Promise<{ elapsed: number; finished: boolean }> {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script, root, letter], { stdio: ["ignore", "pipe", "inherit"] });
    let started = 0;
    let output = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      output += chunk;
      if (started === 0 && output.includes("writing")) {
        started = performance.now();
        if (killAfter !== undefined) setTimeout(() => child.kill("SIGKILL"), killAfter);
      }
    });
    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", () => resolve({ elapsed: performance.now() - started, finished: output.includes("done") }));
    });
  }

  it("leaves the old content or the new one, never a torn or empty file, over 10 kills at random moments", async () => {
    const script = childScript(join(base, "modules"));
    const target = join(root, "big.txt");
    const letters = ["a", "b", "c", "d"];
    writeFileSync(target, Buffer.alloc(SIZE, "a"));
    // one uninterrupted write tells how long a write takes here; the kills land anywhere in that span
    const calibration = await runWriter(script, "b");
    expect(calibration.finished).toBe(true);
    let current = "b";
    const outcomes = { old: 0, new: 0 };
    for (let kill = 0; kill < KILLS; kill += 1) {
      const next = letters[(letters.indexOf(current) + 1) % letters.length] as string;
      await runWriter(script, next, Math.random() * calibration.elapsed * 1.1);
      const content = readFileSync(target);
      const found = [current, next].find((letter) => allOf(content, letter));
      expect(found, `kill ${kill + 1}: ${content.length} bytes, neither all "${current}" nor all "${next}"`).toBeDefined();
      outcomes[found === current ? "old" : "new"] += 1;
      current = found as string;
      // a kill may leave the hidden temporary file behind (never the target): that is all it may leave
      const leftovers = readdirSync(root).filter((name) => name !== "big.txt" && name !== "inside.txt");
      for (const name of leftovers) expect(name).toMatch(/^\.big\.txt\.[0-9a-f]{12}\.axion-tmp$/);
      for (const name of leftovers) rmSync(join(root, name));
    }
    expect(outcomes.old + outcomes.new).toBe(KILLS);
  }, 180_000);
});
