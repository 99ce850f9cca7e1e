import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";
import { copyDirectory } from "../copy-directory.js";

const created: string[] = [];

afterEach(() => {
  for (const path of created.splice(0)) rmSync(path, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function temporaryDirectory(prefix = "axion-plugins-"): string {
  const path = mkdtempSync(join(tmpdir(), prefix));
  created.push(path);
  return path;
}

/** The absolute path of a fixture under `src/__fixtures__`. */
export function fixturePath(name: string): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "__fixtures__", name);
}

/** Copies a fixture folder into `target` (created), keeping file modes. */
export function copyFixture(name: string, target: string): string {
  copyDirectory(fixturePath(name), target);
  return target;
}

/** Writes files below `root`; a value starting with `#!` is made executable. */
export function writeFiles(root: string, files: Record<string, string>): string {
  for (const [relativePath, content] of Object.entries(files)) {
    const path = join(root, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    if (content.startsWith("#!")) chmodSync(path, 0o755);
  }
  return root;
}

/** A plugin manifest as JSON text. */
export function manifest(value: Record<string, unknown>): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
