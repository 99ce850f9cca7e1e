import { pluginEnvironment } from "./plugin-environment.js";
import type { LoadedPlugin } from "./plugin-types.js";
import { runChildProcess } from "./process/run-child-process.js";

export type PluginLifecyclePhase = "init" | "shutdown";

export interface RunPluginLifecycleOptions {
  env?: Readonly<Record<string, string | undefined>> | undefined;
  signal?: AbortSignal | undefined;
  /** Per command; defaults to 60 s. */
  timeoutMs?: number | undefined;
}

export interface LifecycleCommandResult {
  command: string;
  ok: boolean;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** One line saying what went wrong, when not ok. */
  error?: string | undefined;
}

export interface PluginLifecycleResult {
  pluginId: string;
  phase: PluginLifecyclePhase;
  ok: boolean;
  results: LifecycleCommandResult[];
}

/**
 * Runs the plugin's `lifecycle.init` or `lifecycle.shutdown` commands with `sh -c` in the plugin folder, with the
 * `AXION_PLUGIN_*` variables set. `init` stops at the first failing command; `shutdown` runs them all.
 */
export async function runPluginLifecycle(
  plugin: LoadedPlugin,
  phase: PluginLifecyclePhase,
  options: RunPluginLifecycleOptions = {},
): Promise<PluginLifecycleResult> {
  const results: LifecycleCommandResult[] = [];
  const env = pluginEnvironment(plugin, options.env);
  const timeoutMs = options.timeoutMs ?? 60_000;
  for (const command of plugin.lifecycle[phase]) {
    const shell = process.platform === "win32" ? { command: "cmd.exe", args: ["/d", "/s", "/c", command] } : { command: "/bin/sh", args: ["-c", command] };
    const run = await runChildProcess({ ...shell, cwd: plugin.root, env, timeoutMs, signal: options.signal });
    const result: LifecycleCommandResult = {
      command,
      ok: run.spawnError === undefined && !run.timedOut && !run.aborted && run.exitCode === 0,
      exitCode: run.exitCode,
      stdout: run.stdout,
      stderr: run.stderr,
      timedOut: run.timedOut,
    };
    if (!result.ok) {
      const why =
        run.spawnError ??
        (run.aborted ? "cancelled" : run.timedOut ? `timed out after ${timeoutMs} ms` : `exited with code ${run.exitCode ?? run.signal}`);
      const stderr = run.stderr.trim().split("\n")[0];
      result.error = `plugin ${plugin.id} ${phase} command \`${command}\` ${why}${stderr ? `: ${stderr}` : ""}`;
    }
    results.push(result);
    if (!result.ok && (phase === "init" || run.aborted)) break;
  }
  return { pluginId: plugin.id, phase, ok: results.every((result) => result.ok), results };
}
