import { chmodSync, chownSync, linkSync, lstatSync, readdirSync, statSync, symlinkSync } from "node:fs";
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ToolError } from "../tool-error.js";
import { replaceFile } from "./replace-file.js";

let base: string;
let folder: string;
let outside: string;

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), "axion-replace-file-")));
  folder = join(base, "workspace");
  outside = join(base, "outside");
  await mkdir(folder);
  await mkdir(outside);
  await writeFile(join(outside, "secret.txt"), "secret");
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const entries = () => readdirSync(folder).sort();
const modeOf = (path: string) => statSync(path).mode & 0o7777;

describe("replaceFile", () => {
  it("creates a new file with 0666 & ~umask and leaves no temporary file", async () => {
    const target = join(folder, "new.txt");
    await replaceFile(target, "hello", { refuseLinks: true, shown: "new.txt" });
    expect(await readFile(target, "utf8")).toBe("hello");
    expect(modeOf(target)).toBe(0o666 & ~process.umask());
    expect(entries()).toEqual(["new.txt"]);
  });

  it("keeps the mode of an existing 0755 file and replaces its inode", async () => {
    const target = join(folder, "run.sh");
    await writeFile(target, "#!/bin/sh\necho old\n");
    chmodSync(target, 0o755);
    const before = statSync(target).ino;
    await replaceFile(target, Buffer.from("#!/bin/sh\necho new\n"), { refuseLinks: true, shown: "run.sh" });
    expect(await readFile(target, "utf8")).toBe("#!/bin/sh\necho new\n");
    expect(modeOf(target)).toBe(0o755);
    expect(statSync(target).ino).not.toBe(before);
    expect(entries()).toEqual(["run.sh"]);
  });

  it("keeps a private 0600 file private", async () => {
    const target = join(folder, "private.env");
    await writeFile(target, "A=1\n", { mode: 0o600 });
    chmodSync(target, 0o600);
    await replaceFile(target, "A=2\n", { refuseLinks: true, shown: "private.env" });
    expect(modeOf(target)).toBe(0o600);
  });

  it.runIf(process.geteuid?.() === 0)("keeps the owner and group of a file owned by someone else (as root)", async () => {
    const target = join(folder, "owned.txt");
    await writeFile(target, "old");
    chownSync(target, 65534, 65534);
    await replaceFile(target, "new", { refuseLinks: true, shown: "owned.txt" });
    expect(await readFile(target, "utf8")).toBe("new");
    expect(statSync(target)).toMatchObject({ uid: 65534, gid: 65534 });
  });

  it("replaces a symlink planted at the final name right before the rename, never following it", async () => {
    for (const refuseLinks of [true, false]) {
      const target = join(folder, `raced-${refuseLinks}.txt`);
      await writeFile(target, "old");
      await replaceFile(target, "new", {
        refuseLinks,
        shown: "raced.txt",
        beforeRename: async () => {
          await rm(target);
          symlinkSync(join(outside, "secret.txt"), target);
        },
      });
      expect(lstatSync(target).isSymbolicLink()).toBe(false);
      expect(await readFile(target, "utf8")).toBe("new");
    }
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret");
    expect(entries()).toEqual(["raced-false.txt", "raced-true.txt"]);
  });

  it("leaves a hard link planted right before the rename with the old content", async () => {
    const target = join(folder, "linked.txt");
    await writeFile(target, "old");
    await replaceFile(target, "new", { refuseLinks: true, shown: "linked.txt", beforeRename: () => linkSync(target, join(outside, "other-name.txt")) });
    expect(await readFile(target, "utf8")).toBe("new");
    expect(await readFile(join(outside, "other-name.txt"), "utf8")).toBe("old");
    expect(statSync(target).nlink).toBe(1);
  });

  it("refuses a symlink or a hard-linked file at the final name when refusing links, and replaces them otherwise", async () => {
    symlinkSync(join(outside, "secret.txt"), join(folder, "soft.txt"));
    linkSync(join(outside, "secret.txt"), join(folder, "hard.txt"));
    const refused = async (name: string) => {
      const error = await replaceFile(join(folder, name), "x", { refuseLinks: true, shown: name }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(ToolError.isInstance(error)).toBe(true);
      return (error as ToolError).code;
    };
    expect(await refused("soft.txt")).toBe("symlink_swapped");
    expect(await refused("hard.txt")).toBe("hard_linked_file");
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret");

    await replaceFile(join(folder, "soft.txt"), "replaced link", { refuseLinks: false, shown: "soft.txt" });
    await replaceFile(join(folder, "hard.txt"), "replaced file", { refuseLinks: false, shown: "hard.txt" });
    expect(lstatSync(join(folder, "soft.txt")).isSymbolicLink()).toBe(false);
    expect(await readFile(join(folder, "hard.txt"), "utf8")).toBe("replaced file");
    expect(await readFile(join(outside, "secret.txt"), "utf8")).toBe("secret");
    expect(entries()).toEqual(["hard.txt", "soft.txt"]);
  });

  it("removes the temporary file and keeps the old content when the write fails before the rename", async () => {
    const target = join(folder, "kept.txt");
    await writeFile(target, "old");
    const failing = replaceFile(target, "new", {
      refuseLinks: true,
      shown: "kept.txt",
      beforeRename: () => {
        throw new Error("disk went away");
      },
    });
    await expect(failing).rejects.toThrow("disk went away");
    expect(await readFile(target, "utf8")).toBe("old");
    expect(entries()).toEqual(["kept.txt"]);
  });

  it("gives a long file name a temporary name that still fits", async () => {
    const name = `${"n".repeat(250)}.txt`;
    await replaceFile(join(folder, name), "long", { refuseLinks: true, shown: name });
    expect(await readFile(join(folder, name), "utf8")).toBe("long");
  });
});
