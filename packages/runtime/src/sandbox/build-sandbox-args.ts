import { realpathSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, sep } from "node:path";
import { SANDBOX_PROTECTED_PATHS } from "./sandbox-protected-paths.js";
import type { SandboxSpec } from "./sandbox-spec.js";

export interface SandboxArgsOptions {
  /** The temp dir commands are told about (`TMPDIR`); it gets a fresh tmpfs too when it is not /tmp. */
  tmpdir?: string | undefined;
  /** Workspace-relative protected paths that exist (from `watchProtectedPaths`); looked up when left out. */
  protectedPaths?: readonly string[] | undefined;
  /**
   * Programs axion itself runs inside the sandbox (node, and its own install with ripgrep); when one lives under a
   * temp dir that gets a fresh tmpfs, its top folder there is bound back read-only. Default: node's binary and the
   * running script (`process.argv[1]`).
   */
  programs?: readonly string[] | undefined;
}

/**
 * The bubblewrap arguments (without the program name, up to but not including `--`) that confine a command to
 * `spec`. Order matters, as each mount covers what came before it:
 *
 * 1. the whole filesystem read-only, a minimal /dev, a /proc of a private pid namespace;
 * 2. a fresh /tmp (and `TMPDIR`), so the command sees no other program's temp files — except axion's own programs
 *    (node, ripgrep) when they are installed there, bound back read-only;
 * 3. in workspace-write the workspace and `writable` paths read-write; in read-only the workspace read-only again
 *    (it may live under /tmp);
 * 4. the protected paths inside the workspace read-only;
 * 5. the hidden paths masked: an empty tmpfs over a directory, /dev/null over a file.
 *
 * `--new-session` keeps the command from reaching the terminal; `--die-with-parent` with the pid namespace makes
 * killing bwrap kill everything the command started.
 */
export function buildSandboxArgs(spec: SandboxSpec, options: SandboxArgsOptions = {}): string[] {
  const args = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"];
  const programs = (options.programs ?? [process.execPath, ...(process.argv[1] === undefined ? [] : [process.argv[1]])])
    .map(realPath)
    .filter((path): path is string => path !== undefined);
  const masks = ["/tmp"];
  const temp = realDirectory(options.tmpdir ?? tmpdir());
  if (temp !== undefined && temp !== "/" && temp !== "/tmp") masks.push(temp);
  for (const mask of masks) {
    args.push("--tmpfs", mask);
    for (const root of programRootsUnder(mask, programs)) args.push("--ro-bind", root, root);
  }
  const workspace = realDirectory(spec.workspace) ?? spec.workspace;
  if (spec.mode === "workspace-write") {
    args.push("--bind", workspace, workspace);
    for (const extra of spec.writable) {
      const real = realPath(extra);
      if (real !== undefined && real !== "/") args.push("--bind", real, real);
    }
  } else {
    args.push("--ro-bind", workspace, workspace);
  }
  if (spec.mode === "workspace-write") {
    const protectedPaths = options.protectedPaths ?? SANDBOX_PROTECTED_PATHS.filter((relative) => realPath(join(workspace, relative)) !== undefined);
    for (const relative of protectedPaths) {
      const real = realPath(join(workspace, relative));
      if (real !== undefined) args.push("--ro-bind", real, real);
    }
  }
  for (const hidden of spec.hidden) {
    const real = realPath(hidden);
    if (real === undefined || real === "/") continue;
    if (kindOf(real) === "directory") args.push("--tmpfs", real);
    else args.push("--ro-bind", "/dev/null", real);
  }
  args.push("--unshare-pid", "--die-with-parent", "--new-session");
  if (!spec.network) args.push("--unshare-net");
  return args;
}

/** The top folders under `mask` that hold one of `programs` (`/tmp/ci/node_modules/…/rg` → `/tmp/ci`). */
function programRootsUnder(mask: string, programs: readonly string[]): string[] {
  const roots = new Set<string>();
  for (const program of programs) {
    const inside = relative(mask, program);
    if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) continue;
    const top = inside.split(sep)[0];
    if (top !== undefined && top !== "") roots.add(join(mask, top));
  }
  return [...roots];
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function realDirectory(path: string): string | undefined {
  const real = realPath(path);
  return real !== undefined && kindOf(real) === "directory" ? real : undefined;
}

function kindOf(path: string): "directory" | "file" | undefined {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? "directory" : "file";
  } catch {
    return undefined;
  }
}
