import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

export interface SandboxTool {
  name: "bwrap" | "firejail" | "sandbox-exec";
  path: string;
}

/** Finds an executable on `PATH`. */
export function findExecutable(name: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const directory of (env["PATH"] ?? "").split(delimiter)) {
    if (directory === "") continue;
    const candidate = join(directory, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The process sandboxes available on this machine: bubblewrap and firejail on Linux, sandbox-exec on macOS. */
export function detectSandboxTools(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): SandboxTool[] {
  const names: SandboxTool["name"][] = platform === "darwin" ? ["sandbox-exec"] : platform === "linux" ? ["bwrap", "firejail"] : [];
  const found: SandboxTool[] = [];
  for (const name of names) {
    const path = findExecutable(name, env);
    if (path !== undefined) found.push({ name, path });
  }
  return found;
}
