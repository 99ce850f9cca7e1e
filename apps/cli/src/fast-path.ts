import { VERSION } from "./version.js";

/**
 * Answers `axion --version` before anything else loads. Returns true when it handled argv.
 * Kept free of imports beyond the version constant so the bundle can run it first.
 */
export function runFastPath(args: readonly string[], write: (text: string) => void): boolean {
  if (args.length === 1 && (args[0] === "--version" || args[0] === "-V" || args[0] === "-v")) {
    write(`${VERSION}\n`);
    return true;
  }
  return false;
}
