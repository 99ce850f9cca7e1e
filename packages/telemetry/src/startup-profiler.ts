import { performance } from "node:perf_hooks";

export interface StartupPhase {
  name: string;
  /** Milliseconds since the process started. */
  atMs: number;
  /** Milliseconds since the previous phase (or process start). */
  durationMs: number;
}

/**
 * Records named start-up phases relative to process start (`performance.now()` counts from the
 * process's time origin) and prints them to stderr when `AXION_PROFILE=1`.
 */
export class StartupProfiler {
  readonly #phases: StartupPhase[] = [];
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  mark(name: string): StartupPhase {
    const atMs = this.#now();
    const previous = this.#phases.at(-1)?.atMs ?? 0;
    const phase: StartupPhase = { name, atMs, durationMs: atMs - previous };
    this.#phases.push(phase);
    return phase;
  }

  get phases(): readonly StartupPhase[] {
    return [...this.#phases];
  }

  /** A table: one line per phase with its offset from process start and its own duration. */
  format(): string {
    const width = Math.max(5, ...this.#phases.map((phase) => phase.name.length));
    const lines = [`${"phase".padEnd(width)}  ${"at ms".padStart(9)}  ${"took ms".padStart(9)}`];
    for (const phase of this.#phases) {
      lines.push(
        `${phase.name.padEnd(width)}  ${phase.atMs.toFixed(1).padStart(9)}  ${phase.durationMs.toFixed(1).padStart(9)}`,
      );
    }
    return `${lines.join("\n")}\n`;
  }

  /** Writes the table when `env.AXION_PROFILE` is `1` or `true`; returns whether it did. */
  reportIfEnabled(
    env: NodeJS.ProcessEnv = process.env,
    write: (text: string) => void = (text) => process.stderr.write(text),
  ): boolean {
    if (!isProfilingEnabled(env)) return false;
    write(`axion start-up profile\n${this.format()}`);
    return true;
  }
}

export function isProfilingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env["AXION_PROFILE"];
  return value === "1" || value === "true";
}
