import { pluginEnvironment } from "./plugin-environment.js";
import { PluginError } from "./plugin-error.js";
import type { LoadedPlugin, PluginTool } from "./plugin-types.js";
import { runChildProcess } from "./process/run-child-process.js";

/** Plugin tools that declare no `timeoutMs` are stopped after a minute. */
export const DEFAULT_PLUGIN_TOOL_TIMEOUT_MS = 60_000;

export interface RunPluginToolOptions {
  /** The workspace; the tool runs there. */
  cwd: string;
  /** The environment passed on (defaults to the process environment); plugin variables are added to it. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  signal?: AbortSignal | undefined;
  /** Overrides the manifest's `timeoutMs` and the 60 s default. */
  timeoutMs?: number | undefined;
  maxOutputBytes?: number | undefined;
}

export interface PluginToolResult {
  /** stdout on success; on failure a one-line reason followed by stderr (or stdout when stderr is empty). */
  output: string;
  isError: boolean;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
}

/**
 * Runs a plugin tool as a child process: stdin is the input JSON; the environment carries `AXION_PLUGIN_ID`
 * (`name@source`), `AXION_PLUGIN_NAME`, `AXION_PLUGIN_ROOT`, `AXION_TOOL_NAME`, `AXION_TOOL_INPUT` and the
 * `CLAWD_*` equivalents; the working folder is the workspace. stdout is the result; a non-zero exit, a timeout or
 * an abort is an error result.
 */
export async function runPluginTool(
  plugin: LoadedPlugin,
  tool: PluginTool | string,
  input: unknown,
  options: RunPluginToolOptions,
): Promise<PluginToolResult> {
  const resolved = typeof tool === "string" ? plugin.tools.find((candidate) => candidate.name === tool) : tool;
  if (resolved === undefined) {
    throw new PluginError("plugin_not_found", `has no tool "${String(tool)}"`, { pluginName: plugin.name, source: plugin.source, file: plugin.manifestPath });
  }
  const inputJson = JSON.stringify(input ?? {});
  const timeoutMs = options.timeoutMs ?? resolved.timeoutMs ?? DEFAULT_PLUGIN_TOOL_TIMEOUT_MS;
  const env = pluginEnvironment(plugin, options.env, {
    AXION_TOOL_NAME: resolved.name,
    AXION_TOOL_INPUT: inputJson,
    CLAWD_TOOL_NAME: resolved.name,
    CLAWD_TOOL_INPUT: inputJson,
  });
  const run = await runChildProcess({
    command: resolved.command,
    args: resolved.args,
    cwd: options.cwd,
    env,
    stdin: inputJson,
    timeoutMs,
    signal: options.signal,
    maxOutputBytes: options.maxOutputBytes,
  });
  const label = `plugin tool ${resolved.name} (${plugin.id})`;
  const details = (): string => {
    const text = run.stderr.trim() !== "" ? run.stderr : run.stdout;
    return text.trim() === "" ? "" : `\n${text.trimEnd()}`;
  };
  const result = (output: string, isError: boolean): PluginToolResult => ({
    output,
    isError,
    exitCode: run.exitCode,
    stdout: run.stdout,
    stderr: run.stderr,
    timedOut: run.timedOut,
    aborted: run.aborted,
    durationMs: run.durationMs,
  });
  if (run.spawnError !== undefined) return result(`${label} could not start: ${run.spawnError}`, true);
  if (run.aborted) return result(`${label} was cancelled`, true);
  if (run.timedOut) return result(`${label} timed out after ${timeoutMs} ms${details()}`, true);
  if (run.exitCode !== 0) {
    const how = run.exitCode === null ? `was killed by ${run.signal ?? "a signal"}` : `exited with code ${run.exitCode}`;
    return result(`${label} ${how}${details()}`, true);
  }
  return result(run.stdout, false);
}
