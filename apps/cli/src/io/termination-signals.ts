/** Exit codes of the CLI contract for the signals that end a run: 128 + the signal number. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

export type TerminationSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface TerminationWatch {
  /** The signal that ended the run, once one came. */
  readonly signal: TerminationSignal | undefined;
  /** The exit code for that signal. */
  readonly exitCode: number | undefined;
  dispose(): void;
}

/**
 * SIGTERM and SIGHUP (a closed terminal) end the work like Ctrl-C: `onSignal` aborts the turn, which stops each
 * tool's process group and records the interruption; the caller then closes MCP servers and the session and exits
 * with 143 / 129. A second signal exits at once. `signals` chooses which to watch (the REPL handles SIGINT itself).
 */
export function watchTerminationSignals(
  onSignal: (signal: TerminationSignal) => void,
  signals: readonly TerminationSignal[] = ["SIGINT", "SIGTERM", "SIGHUP"],
): TerminationWatch {
  let received: TerminationSignal | undefined;
  const handlers = signals.map((signal) => {
    const handler = () => {
      if (received !== undefined) process.exit(SIGNAL_EXIT_CODES[received]);
      received = signal;
      onSignal(signal);
    };
    process.on(signal, handler);
    return { signal, handler };
  });
  return {
    get signal() {
      return received;
    },
    get exitCode() {
      return received === undefined ? undefined : SIGNAL_EXIT_CODES[received];
    },
    dispose() {
      for (const { signal, handler } of handlers) process.off(signal, handler);
    },
  };
}
