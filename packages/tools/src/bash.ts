import { z } from "zod";
import type { ExecResult } from "@axion/runtime";
import { ToolError } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { servicesOf } from "./tool-services.js";

export const BASH_DEFAULT_TIMEOUT_MS = 120_000;
export const BASH_MAX_TIMEOUT_MS = 600_000;
export const BASH_MAX_OUTPUT_BYTES = 16_384;
/** Longest command that can run: `bash -c` takes it as one argument, and Linux caps one argument at 128 KiB. */
export const BASH_MAX_COMMAND_BYTES = 128 * 1024 - 1;

export const bashTool = defineTool({
  name: "Bash",
  description: [
    "Runs a bash command in the workspace and returns its output.",
    "",
    "- The working directory is the workspace root; each call starts a fresh shell.",
    `- timeout is in milliseconds (default ${BASH_DEFAULT_TIMEOUT_MS}, at most ${BASH_MAX_TIMEOUT_MS}); on timeout the command and everything it started is killed.`,
    `- stdout and stderr are each kept up to ${BASH_MAX_OUTPUT_BYTES} bytes; past that, the first and last ${BASH_MAX_OUTPUT_BYTES / 2} bytes are kept with \`[… N bytes cut …]\` between them.`,
    "- Output format: stdout, then `STDERR:` and stderr if any, then `Exit code: N` when it is not 0.",
    "- run_in_background starts the command without waiting and returns its id, PID and log file.",
    "- Prefer Read, Glob, Grep, Edit and Write over cat, find, grep, sed and echo redirection.",
  ].join("\n"),
  inputSchema: z.object({
    command: z
      .string()
      .min(1)
      .superRefine((command, context) => {
        const bytes = Buffer.byteLength(command);
        if (bytes > BASH_MAX_COMMAND_BYTES) {
          context.addIssue({
            code: "custom",
            message: `too long to run (${bytes} bytes; a command may have at most ${BASH_MAX_COMMAND_BYTES}); write a script file and run that`,
          });
        }
      })
      .describe("The command to run"),
    timeout: z
      .number()
      .int()
      .positive()
      .max(BASH_MAX_TIMEOUT_MS)
      .optional()
      .describe(`Timeout in milliseconds (default ${BASH_DEFAULT_TIMEOUT_MS}, max ${BASH_MAX_TIMEOUT_MS})`),
    description: z.string().optional().describe("What the command does, in 5-10 words (shown to the user)"),
    run_in_background: z.boolean().optional().describe("Start the command in the background and return at once"),
  }),
  requiredPermission: "danger-full-access",
  permissionSubject: (input) => input.command,
  async execute(input, context) {
    if (input.run_in_background === true) {
      const tasks = servicesOf(context).backgroundTasks;
      if (tasks === undefined) {
        throw new ToolError("run_in_background is not available in this session: the host runs no background tasks", "service_missing");
      }
      const task = await tasks.start(input.command, { cwd: context.cwd, env: { ...context.env } });
      return `Background task started: ${task.id} (PID: ${task.pid}); output: ${task.logPath}`;
    }
    const timeoutMs = input.timeout ?? BASH_DEFAULT_TIMEOUT_MS;
    const result = await context.exec(input.command, {
      cwd: context.cwd,
      timeoutMs,
      signal: context.signal,
      maxOutputBytes: BASH_MAX_OUTPUT_BYTES,
    });
    const failed = result.timedOut || result.aborted || (result.exitCode ?? 1) !== 0;
    return {
      content: formatBashOutput(result, timeoutMs),
      ...(failed ? { isError: true } : {}),
      display: {
        kind: "bash",
        command: input.command,
        exitCode: result.exitCode,
        timedOut: result.timedOut,
        stdoutTruncated: result.stdoutTruncated,
        stderrTruncated: result.stderrTruncated,
      },
    };
  },
});

/** stdout, then `STDERR:\n…`, then `Exit code: N` (non-zero), a timeout or interruption note, or `(no output)`. */
export function formatBashOutput(result: ExecResult, timeoutMs: number): string {
  const parts: string[] = [];
  const stdout = result.stdout.replace(/\n+$/, "");
  const stderr = result.stderr.replace(/\n+$/, "");
  if (stdout !== "") parts.push(stdout);
  if (stderr !== "") parts.push(`STDERR:\n${stderr}`);
  if (result.timedOut) parts.push(`(Command timed out after ${timeoutMs} ms)`);
  else if (result.aborted) parts.push("(Command was interrupted)");
  else if (result.exitCode === null) parts.push(`(Command was killed by ${result.signal ?? "a signal"})`);
  else if (result.exitCode !== 0) parts.push(`Exit code: ${result.exitCode}`);
  return parts.length === 0 ? "(no output)" : parts.join("\n");
}
