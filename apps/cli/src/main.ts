import { StartupProfiler } from "@axion/telemetry";
import { makeProgram } from "./program.js";

/** Runs the CLI for `argv` (process.argv shape) and returns the exit code. */
export async function main(argv: readonly string[], profiler: StartupProfiler = new StartupProfiler()): Promise<number> {
  profiler.mark("main_loaded");
  const program = makeProgram();
  program.exitOverride();
  profiler.mark("program_built");
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    const code = (error as { code?: string; exitCode?: number }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") return 0;
    const exitCode = (error as { exitCode?: number }).exitCode;
    return typeof exitCode === "number" ? exitCode : 1;
  } finally {
    profiler.mark("done");
    profiler.reportIfEnabled();
  }
}
