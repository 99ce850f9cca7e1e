import { lstat, readlink, realpath, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { PermissionMode } from "./permission-mode.js";
import { ToolError } from "./tool-error.js";

/** Symlinks followed while resolving one path before it counts as a loop (Linux's own limit). */
const MAX_SYMLINK_HOPS = 40;

/** Expands `~` and makes `path` absolute against `root`, without touching the filesystem. */
export function absolutePath(root: string, path: string): string {
  if (path === "~") return homedir();
  if (path.startsWith("~/")) return join(homedir(), path.slice(2));
  return isAbsolute(path) ? resolve(path) : resolve(root, path);
}

/** A resolved path, and the first dangling symlink met on the way (whose missing target `real` goes through). */
interface Resolution {
  real: string;
  dangling?: { link: string; target: string } | undefined;
}

/**
 * The real path of `path`: symlinks resolved for the longest existing prefix, the missing rest
 * appended (so a file about to be created resolves through its real parent). A dangling symlink is
 * followed to where its target would be created, so the answer is the path a write would touch.
 * A NUL byte, an over-long name and a symlink loop are `ToolError`s.
 */
export async function realPathOf(path: string): Promise<string> {
  return (await resolveReal(checkedPath(path), 0)).real;
}

async function resolveReal(path: string, hops: number): Promise<Resolution> {
  try {
    return { real: await realpath(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw pathError(error, path);
  }
  const parent = dirname(path);
  if (parent === path) return { real: path };
  const resolvedParent = await resolveReal(parent, hops);
  const candidate = join(resolvedParent.real, basename(path));
  const link = await lstat(candidate).catch(() => undefined);
  if (link?.isSymbolicLink() !== true) return { real: candidate, dangling: resolvedParent.dangling };
  // The parent is real and `candidate` is a symlink whose target is missing (else realpath had resolved it).
  if (hops >= MAX_SYMLINK_HOPS) throw new ToolError(`Too many levels of symbolic links: ${shortPath(path)}`, "symlink_loop");
  const targetText = await readlink(candidate).catch((error: unknown) => {
    throw pathError(error, candidate);
  });
  const target = await resolveReal(resolve(resolvedParent.real, targetText), hops + 1);
  return { real: target.real, dangling: resolvedParent.dangling ?? { link: candidate, target: target.real } };
}

/** `path` made absolute and normalised; a NUL byte (which no file name can hold) is a `ToolError`. */
function checkedPath(path: string): string {
  refuseNulByte(path);
  return resolve(path);
}

function refuseNulByte(path: string): void {
  if (path.includes("\0")) throw new ToolError(`Invalid path ${JSON.stringify(shortPath(path))}: it contains a NUL byte`, "invalid_path");
}

/** A host error met while resolving `path`, as a `ToolError` the model can act on (other errors pass through). */
function pathError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENAMETOOLONG":
      return new ToolError(`Path is too long: ${shortPath(path)} (${path.length} characters; a name may have 255 bytes, a path 4096)`, "path_too_long");
    case "ELOOP":
      return new ToolError(`Too many levels of symbolic links: ${shortPath(path)}`, "symlink_loop");
    case "EACCES":
    case "EPERM":
      return new ToolError(`Permission denied: ${shortPath(path)}`, "permission_denied");
    default:
      return error;
  }
}

/** A path shortened for a one-line message: long ones keep their start and end. */
function shortPath(path: string): string {
  return path.length <= 200 ? path : `${path.slice(0, 120)}…${path.slice(-60)}`;
}

export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Resolves a tool's path inside the workspace. Below danger-full-access (and `allow`):
 * - a path whose real location is outside the real workspace root is refused, whether it got there
 *   through `..`, an absolute path or a symlink;
 * - a path through a dangling symlink is refused (a write would create the link's target, wherever it is);
 * - writing a regular file that has more than one hard link is refused: another name of the same file may
 *   be outside the workspace. Reading such a file is left alone, since finding its other names would mean
 *   walking the whole filesystem.
 * Every refusal is a `ToolError`.
 */
export async function resolveWorkspacePath(
  root: string,
  path: string,
  mode: PermissionMode,
  access: "read" | "write",
): Promise<string> {
  refuseNulByte(path);
  const realRoot = await realPathOf(resolve(root));
  const resolved = await resolveReal(checkedPath(absolutePath(realRoot, path)), 0);
  const real = resolved.real;
  if (mode === "danger-full-access" || mode === "allow") return real;
  if (resolved.dangling !== undefined) {
    const link = resolved.dangling.link;
    const shown = isInside(realRoot, link) ? relative(realRoot, link) || "." : link;
    throw new ToolError(
      `${shortPath(shown)} is a symlink to ${shortPath(resolved.dangling.target)}, which does not exist; refusing to follow it`,
      "dangling_symlink",
    );
  }
  if (!isInside(realRoot, real)) {
    throw new ToolError(
      `${access === "write" ? "Writing" : "Reading"} ${shortPath(path)} is outside the workspace ${realRoot}; it requires danger-full-access permission`,
      "path_outside_workspace",
    );
  }
  if (access === "write") await refuseHardLinked(real, path);
  return real;
}

/** Refuses a regular file with more than one hard link (a `ToolError`); missing files pass. */
async function refuseHardLinked(real: string, shown: string): Promise<void> {
  const info = await stat(real).catch(() => undefined);
  if (info?.isFile() === true && info.nlink > 1) throw hardLinkError(shortPath(shown), info.nlink);
}

/** The refusal for writing a file with `links` hard links. */
export function hardLinkError(shown: string, links: number): ToolError {
  return new ToolError(
    `${shown} has ${links - 1} other hard link${links === 2 ? "" : "s"} (names that may be outside the workspace); refusing to write it below danger-full-access`,
    "hard_linked_file",
  );
}
