import { homedir } from "node:os";
import { loadConfig, resolveConfigHome, trustFolder, workspaceTrust } from "@axion/runtime";
import { untrustedExtensions } from "./untrusted-extensions.js";

/** The question the interactive REPL asks once in an untrusted folder that carries something that would run. */
export const TRUST_QUESTION = "Do you trust the files in this folder?";

export interface AskWorkspaceTrustOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `--trust-workspace`: nothing to ask. */
  flag?: boolean | undefined;
  /** Prints text as it is (the caller styles nothing). */
  write(text: string): void;
  /** Reads one answer line; undefined at end of input or Ctrl-C. */
  read(prompt: string): Promise<string | undefined>;
}

/**
 * Before anything starts: when the folder is untrusted and carries something that would run or grant (hooks, MCP
 * servers, plugins, env, permission grants), lists it and asks. `y` trusts and remembers the folder; anything else
 * continues untrusted. Returns the answer, or undefined when nothing was asked.
 */
export async function askWorkspaceTrust(options: AskWorkspaceTrustOptions): Promise<"trusted" | "untrusted" | undefined> {
  const home = options.env["HOME"] ?? homedir();
  const configHome = resolveConfigHome(options.env, home);
  if (workspaceTrust({ cwd: options.cwd, home, configHome, flag: options.flag }).trusted) return undefined;
  let details: string[];
  try {
    const config = loadConfig({ cwd: options.cwd, env: options.env, home, configHome, trusted: false });
    details = (await untrustedExtensions({ cwd: options.cwd, configHome, home, config }))
      .filter((item) => item.runsOrGrants)
      .flatMap((item) => (item.details.length > 0 ? item.details : [item.summary]));
  } catch {
    // an invalid settings file is reported, naming the file, when the session loads it
    return undefined;
  }
  if (details.length === 0) return undefined;
  options.write(
    [
      "",
      TRUST_QUESTION,
      `  ${options.cwd}`,
      "Trusting it lets these run or take effect:",
      ...details.map((detail) => `  - ${detail}`),
      "(y = trust this folder and remember it, n = continue without loading them)",
      "",
    ].join("\n"),
  );
  const answer = (await options.read("Trust this folder? [y/N]: "))?.trim().toLowerCase();
  if (answer === "y" || answer === "yes") {
    const stored = trustFolder(options.cwd, { configHome });
    options.write(`Trusted ${stored}.\n`);
    return "trusted";
  }
  options.write("Continuing without them. Run \"axion trust\" to trust this folder later.\n");
  return "untrusted";
}
