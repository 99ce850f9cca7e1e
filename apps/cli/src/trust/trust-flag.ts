/** The global flag that trusts the folder for one run (CI). */
export const TRUST_WORKSPACE_FLAG = "--trust-workspace";

/**
 * Takes `--trust-workspace` out of `argv` wherever it stands before a `--` (it is global: `axion --trust-workspace
 * mcp list` and `axion mcp list --trust-workspace` both work), and says whether it was there.
 */
export function extractTrustFlag(argv: readonly string[]): { argv: string[]; trustWorkspace: boolean } {
  const rest: string[] = [];
  let trustWorkspace = false;
  let afterSeparator = false;
  for (const [index, argument] of argv.entries()) {
    // argv[0] and argv[1] are node and the script
    if (index >= 2 && !afterSeparator && argument === TRUST_WORKSPACE_FLAG) {
      trustWorkspace = true;
      continue;
    }
    if (index >= 2 && argument === "--") afterSeparator = true;
    rest.push(argument);
  }
  return { argv: rest, trustWorkspace };
}
