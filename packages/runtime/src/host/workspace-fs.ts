import { constants } from "node:fs";
import { mkdir, open, readFile, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { PermissionMode } from "../permission-mode.js";
import type { WorkspaceFs } from "../tool-contract.js";
import { ToolError } from "../tool-error.js";
import { hardLinkError, resolveWorkspacePath } from "../workspace-path.js";

export interface WorkspaceFsOptions {
  /** The workspace root; relative paths resolve against it. */
  root: string;
  /** The session's current mode, read on every call (scoping is lifted in danger-full-access and allow). */
  mode: () => PermissionMode;
}

/**
 * Filesystem access scoped to a workspace: every path goes through `resolveWorkspacePath` (`..`, absolute
 * paths and symlinks resolved) before it is touched. Missing files and directories in place of files are
 * reported as `ToolError`s the model can act on.
 *
 * Below danger-full-access a write opens the resolved path with O_NOFOLLOW and checks the open file's link
 * count before truncating it, so a symlink or hard link planted at the final name between the check and the
 * write is refused too. (A folder higher up swapped for a symlink in that window is not caught.)
 */
export function createWorkspaceFs(options: WorkspaceFsOptions): WorkspaceFs {
  const resolve = (path: string, access: "read" | "write"): Promise<string> =>
    resolveWorkspacePath(options.root, path, options.mode(), access);

  return {
    resolve,

    async readFile(path) {
      const absolute = await resolve(path, "read");
      try {
        return await readFile(absolute);
      } catch (error) {
        throw fileError(error, path);
      }
    },

    async writeFile(path, data) {
      const absolute = await resolve(path, "write");
      const existing = await statOrUndefined(absolute);
      if (existing?.isDirectory()) throw new ToolError(`${path} is a directory, not a file`, "is_directory");
      try {
        await mkdir(dirname(absolute), { recursive: true });
        const mode = options.mode();
        if (mode === "danger-full-access" || mode === "allow") await writeFile(absolute, data);
        else await writeWithoutFollowing(absolute, data, path);
      } catch (error) {
        throw fileError(error, path);
      }
      return { created: existing === undefined, absolutePath: absolute };
    },

    async stat(path) {
      const absolute = await resolve(path, "read");
      const info = await statOrUndefined(absolute);
      if (info === undefined) return undefined;
      return { isFile: info.isFile(), isDirectory: info.isDirectory(), size: info.size, mtimeMs: info.mtimeMs };
    },
  };
}

/** Writes `absolute` without following a symlink at its final name, refusing a file with other hard links. */
async function writeWithoutFollowing(absolute: string, data: string | Buffer, shown: string): Promise<void> {
  let handle;
  try {
    handle = await open(absolute, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW, 0o666);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOOP") {
      throw new ToolError(`${shown} became a symlink while it was being written; refusing to follow it`, "symlink_swapped");
    }
    throw error;
  }
  try {
    const info = await handle.stat();
    if (info.nlink > 1) throw hardLinkError(shown, info.nlink);
    await handle.truncate(0);
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

async function statOrUndefined(absolute: string) {
  try {
    return await stat(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw fileError(error, absolute);
  }
}

function fileError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return new ToolError(`File not found: ${path}`, "file_not_found");
    case "EISDIR":
      return new ToolError(`${path} is a directory, not a file`, "is_directory");
    case "ENOTDIR":
    case "EEXIST":
      return new ToolError(`A parent of ${path} is not a directory`, "not_a_directory");
    case "EACCES":
    case "EPERM":
      return new ToolError(`Permission denied: ${path}`, "permission_denied");
    default:
      return error;
  }
}
