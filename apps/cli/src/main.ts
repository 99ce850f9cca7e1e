import type { StartupProfiler } from "@axion/telemetry";
import { formatError } from "./output/format-error.js";
import { secretRedactorFor } from "./output/secret-redaction.js";
import type { ProgramIo } from "./program-io.js";
import { makeProgram } from "./program.js";
import { startupProfile } from "./startup-profile.js";
import { extractTrustFlag } from "./trust/trust-flag.js";

/** Runs the CLI for `argv` (process.argv shape) and returns the exit code. */
export async function main(argv: readonly string[], profiler: StartupProfiler = startupProfile): Promise<number> {
  profiler.mark("main_loaded");
  // --trust-workspace is global: taken out before the subcommands parse their own options
  const trustFlag = extractTrustFlag(argv);
  const io: ProgramIo = { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, exitCode: 0, trustWorkspace: trustFlag.trustWorkspace };
  const program = makeProgram(io);
  program.exitOverride();
  profiler.mark("program_built");
  try {
    await program.parseAsync(trustFlag.argv);
    return io.exitCode;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") return 0;
    if (typeof code === "string" && code.startsWith("commander.")) return (error as { exitCode?: number }).exitCode ?? 1;
    process.stderr.write(`axion: ${secretRedactorFor(process.env).redact(formatError(error))}\n`);
    return 1;
  } finally {
    profiler.mark("done");
    profiler.reportIfEnabled();
  }
}
