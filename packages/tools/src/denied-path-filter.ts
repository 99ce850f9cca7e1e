import type { ToolContext } from "@axion/runtime";

/** Real paths resolved at once (a search may list tens of thousands of files). */
const CHECK_BATCH = 256;

/**
 * The absolute paths among `paths` that the permission rules deny `toolName` (through
 * `context.isPathDenied`), each checked as listed and as its real path, since a symlinked folder can lead
 * into a denied one. A path whose real location cannot be resolved is counted as denied. Without
 * `isPathDenied` nothing is denied.
 */
export async function deniedPaths(context: ToolContext, toolName: string, paths: Iterable<string>): Promise<Set<string>> {
  const denied = new Set<string>();
  const isPathDenied = context.isPathDenied?.bind(context);
  if (isPathDenied === undefined) return denied;
  const check = async (path: string): Promise<void> => {
    if (isPathDenied(path, toolName)) {
      denied.add(path);
      return;
    }
    const real = await context.fs.resolve(path, "read").catch(() => undefined);
    if (real === undefined || (real !== path && isPathDenied(real, toolName))) denied.add(path);
  };
  const unique = [...new Set(paths)];
  for (let start = 0; start < unique.length; start += CHECK_BATCH) {
    await Promise.all(unique.slice(start, start + CHECK_BATCH).map(check));
  }
  return denied;
}

/** The line telling the model that `hidden` results were left out, or "" when none were. */
export function hiddenNotice(hidden: number): string {
  return hidden === 0 ? "" : `(${hidden} result${hidden === 1 ? "" : "s"} hidden by permission rules)`;
}
