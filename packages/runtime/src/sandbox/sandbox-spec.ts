/**
 * What a sandboxed command may touch. `buildSandboxArgs` turns it into a bubblewrap command line; `sandboxFor`
 * computes it from the permission mode and the `sandbox` settings.
 */
export interface SandboxSpec {
  /** `read-only`: nothing is writable but a fresh /tmp. `workspace-write`: the workspace and `writable` too. */
  mode: "read-only" | "workspace-write";
  /** The workspace root (absolute). */
  workspace: string;
  /** Extra absolute paths bound read-write in workspace-write mode (`sandbox.writable`). */
  writable: string[];
  /** Leave the network namespace shared (`sandbox.network: true`); otherwise only a private loopback exists. */
  network: boolean;
  /** Absolute paths masked inside the sandbox (credentials, the config home): an empty dir, or an unreadable file. */
  hidden: string[];
  /** The bubblewrap binary; `bwrap` from PATH when left out. */
  bwrapPath?: string | undefined;
}
