/** What the CLI reads and writes; tests pass their own. */
export interface ProgramIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** `--trust-workspace`: the folder counts as trusted for this run. */
  trustWorkspace?: boolean | undefined;
  /** Set by actions: the process exit code. */
  exitCode: number;
}
