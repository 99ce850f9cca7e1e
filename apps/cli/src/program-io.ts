/** What the CLI reads and writes; tests pass their own. */
export interface ProgramIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Set by actions: the process exit code. */
  exitCode: number;
}
