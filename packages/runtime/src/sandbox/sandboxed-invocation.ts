import { buildSandboxArgs } from "./build-sandbox-args.js";
import { watchProtectedPaths, type ProtectedPathWatch } from "./sandbox-protected-paths.js";
import type { SandboxSpec } from "./sandbox-spec.js";

/** The program and arguments that run `bash -c command`, inside `spec`'s sandbox when one is given. */
export interface CommandInvocation {
  file: string;
  args: string[];
  /** Present when sandboxed: call `removeCreated()` once the command has exited. */
  watch?: ProtectedPathWatch | undefined;
}

/** `bash -c command`, or `bwrap <sandbox args> -- bash -c command` when `spec` is set. */
export function sandboxedInvocation(command: string, spec: SandboxSpec | undefined, tmpdir?: string): CommandInvocation {
  if (spec === undefined) return { file: "bash", args: ["-c", command] };
  const watch = watchProtectedPaths(spec);
  const args = buildSandboxArgs(spec, { tmpdir, protectedPaths: watch.existing });
  return { file: spec.bwrapPath ?? "bwrap", args: [...args, "--", "bash", "-c", command], watch };
}
