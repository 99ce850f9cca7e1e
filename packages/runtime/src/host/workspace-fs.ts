import { mkdir, readFile, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { PermissionMode } from "../permission-mode.js";
import type { WorkspaceFs } from "../tool-contract.js";
import { ToolError } from "../tool-error.js";
import { resolveWorkspacePath } from "../workspace-path.js";
import { replaceFile } from "./replace-file.js";

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
 * A write replaces the file atomically (`replaceFile`: a temporary file in the same folder, fsynced, renamed
 * over the final name, the old mode and owner kept), so a kill mid-write leaves the old content or the new.
 * Below danger-full-access a symlink or hard link found at the final name just before the write is refused,
 * and one planted after that is replaced by the rename, never followed. (A folder higher up swapped for a
 * symlink in that window is not caught.) In danger-full-access a hard-linked file is not written through:
 * its name gets the new content and the other names keep the old one.
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
        await replaceFile(absolute, data, { refuseLinks: mode !== "danger-full-access" && mode !== "allow", shown: path });
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
