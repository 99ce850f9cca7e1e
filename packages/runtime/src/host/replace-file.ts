import { randomBytes } from "node:crypto";
import { constants, type Stats } from "node:fs";
import { access, lstat, open, rename, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ToolError } from "../tool-error.js";
import { hardLinkError } from "../workspace-path.js";

export interface ReplaceFileOptions {
  /**
   * Below danger-full-access: a symlink or a file with other hard links found at the final name is refused
   * (a `ToolError`) instead of being replaced.
   */
  refuseLinks: boolean;
  /** The path as the caller named it, for messages. */
  shown: string;
  /** Runs once the temporary file is complete, right before the rename (a seam for tests that race the rename). */
  beforeRename?: () => void | Promise<void>;
}

/** Permission bits kept from the file being replaced: setuid and setgid are dropped, as a write in place drops them. */
const KEPT_MODE_BITS = 0o1777;

/**
 * Replaces the file at `absolute` (a real path: its parent folders already resolved and checked) with `data`
 * so that a kill at any moment leaves either the old content or the new one, never a mix or an empty file:
 * the data goes to a temporary file created with O_EXCL | O_NOFOLLOW in the same folder, is fsynced, gets the
 * old file's mode (and owner and group, when they can be kept), and is renamed over the final name; the folder
 * is then fsynced (best effort). A new file gets 0666 & ~umask, like `fs.writeFile`.
 *
 * The rename replaces whatever name is there without following it: a symlink planted at the final name after
 * the checks is replaced, its target is untouched. A hard link to the old file keeps the old content (the
 * name now points to a new inode): below danger-full-access a hard-linked file is refused before anything is
 * written, in danger-full-access the link is broken rather than written through.
 *
 * The file is written in place (not atomically) only where a rename cannot do the job: the final name is not a
 * regular file (a FIFO, a device), the folder does not let us create a file although the file itself is
 * writable, or the old file's owner or group cannot be given to the new one (a rename would change them).
 */
export async function replaceFile(absolute: string, data: string | Buffer, options: ReplaceFileOptions): Promise<void> {
  const existing = await lstatOrUndefined(absolute);
  if (existing?.isSymbolicLink() === true && options.refuseLinks) throw symlinkSwapped(options.shown);
  if (existing?.isFile() === true && existing.nlink > 1 && options.refuseLinks) throw hardLinkError(options.shown, existing.nlink);
  // A symlink that appeared at a path resolved in danger-full-access is replaced like a missing file.
  const old = existing?.isFile() === true ? existing : undefined;
  if (existing !== undefined && old === undefined && !existing.isSymbolicLink()) {
    return writeInPlace(absolute, data, options);
  }
  // A file we may not write stays refused, although the folder would let a rename replace it.
  if (old !== undefined) await access(absolute, constants.W_OK);
  if (old !== undefined && !canGiveOwner(old)) return writeInPlace(absolute, data, options);

  const temporary = temporaryName(absolute);
  let handle: FileHandle;
  try {
    handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, old === undefined ? 0o666 : 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (old !== undefined && (code === "EACCES" || code === "EPERM")) return writeInPlace(absolute, data, options);
    throw error;
  }
  try {
    let ownerKept = true;
    try {
      if (old !== undefined) {
        await handle.chmod(old.mode & KEPT_MODE_BITS);
        ownerKept = await keepOwner(handle, old);
      }
      if (ownerKept) {
        await handle.writeFile(data);
        await handle.sync();
      }
    } finally {
      await handle.close().catch(() => undefined);
    }
    if (!ownerKept) {
      await unlink(temporary).catch(() => undefined);
      return writeInPlace(absolute, data, options);
    }
    await options.beforeRename?.();
    await rename(temporary, absolute);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(absolute));
}

/** A hidden name beside `absolute`, unique to this call; the original name is cut so the result stays a valid name. */
function temporaryName(absolute: string): string {
  return join(dirname(absolute), `.${basename(absolute).slice(0, 100)}.${randomBytes(6).toString("hex")}.axion-tmp`);
}

/** Whether this process may give a new file `old`'s owner (root, or the owner is us); the group is tried later. */
function canGiveOwner(old: Stats): boolean {
  const uid = process.geteuid?.();
  return uid === undefined || uid === 0 || uid === old.uid;
}

/** Gives the temporary file the old file's owner and group; false when the group cannot be given (not one of ours). */
async function keepOwner(handle: FileHandle, old: Stats): Promise<boolean> {
  if (process.geteuid === undefined) return true;
  const info = await handle.stat();
  if (info.uid === old.uid && info.gid === old.gid) return true;
  try {
    await handle.chown(old.uid, old.gid);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EPERM" || code === "EINVAL") return false;
    throw error;
  }
}

/**
 * The fallback write in place: truncate and write the existing file. With `refuseLinks` it opens the final
 * name with O_NOFOLLOW and checks the open file's link count, so a link planted since the checks is refused.
 */
async function writeInPlace(absolute: string, data: string | Buffer, options: ReplaceFileOptions): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(absolute, constants.O_WRONLY | constants.O_CREAT | (options.refuseLinks ? constants.O_NOFOLLOW : 0), 0o666);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOOP") throw symlinkSwapped(options.shown);
    throw error;
  }
  try {
    const info = await handle.stat();
    if (options.refuseLinks && info.isFile() && info.nlink > 1) throw hardLinkError(options.shown, info.nlink);
    if (info.isFile()) await handle.truncate(0);
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

/** Makes the rename durable; a folder that cannot be opened or synced (some filesystems) is left alone. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, constants.O_RDONLY | constants.O_DIRECTORY);
    await handle.sync();
  } catch {
    // best effort: the data is already on disk, only the new name's durability is at stake
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function lstatOrUndefined(absolute: string): Promise<Stats | undefined> {
  try {
    return await lstat(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}

function symlinkSwapped(shown: string): ToolError {
  return new ToolError(`${shown} became a symlink while it was being written; refusing to follow it`, "symlink_swapped");
}
