import { workspaceTrust, type WorkspaceTrust } from "@axion/runtime";

export interface ResolveTrustOptions {
  cwd: string;
  home: string;
  configHome: string;
  /** `--trust-workspace`. */
  flag?: boolean | undefined;
  /** One line per problem reading the trust records. */
  warn(message: string): void;
}

/** `workspaceTrust` for the CLI: problems reading the records are reported and count as no trust. */
export function resolveTrust(options: ResolveTrustOptions): WorkspaceTrust {
  const trust = workspaceTrust({ cwd: options.cwd, home: options.home, configHome: options.configHome, flag: options.flag });
  for (const warning of trust.warnings) options.warn(warning);
  return trust;
}
