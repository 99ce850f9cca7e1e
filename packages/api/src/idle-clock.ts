/**
 * Measures how long a stream has gone without progress. Only `progress()` (headers, or an event that carries
 * the reply forward) restarts it; keep-alive pings are counted but do not. The clock stands still while the
 * consumer holds a chunk (`pause()` / `resume()`), so a slow reader is never taken for a silent server.
 */
export class IdleClock {
  readonly #limitMs: number;
  readonly #onIdle: () => void;
  /** Idle time counted before the running stretch began. */
  #idleMs = 0;
  /** When the running stretch began; undefined while paused or stopped. */
  #runningSince: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #pausedDepth = 0;
  #stopped = false;
  /** Keep-alive events since the last progress. */
  #keepAlives = 0;

  constructor(limitMs: number, onIdle: () => void) {
    this.#limitMs = limitMs;
    this.#onIdle = onIdle;
    this.#run();
  }

  /** Pings (or other keep-alives) seen since the last progress. */
  get keepAlivesSinceProgress(): number {
    return this.#keepAlives;
  }

  /** Something that moves the reply forward arrived: the idle time starts again from zero. */
  progress(): void {
    this.#idleMs = 0;
    this.#keepAlives = 0;
    if (this.#runningSince !== undefined) this.#run();
  }

  /** A keep-alive arrived: it proves the connection lives, not that the reply moves, so the clock runs on. */
  keepAlive(): void {
    this.#keepAlives += 1;
  }

  pause(): void {
    this.#pausedDepth += 1;
    if (this.#runningSince === undefined) return;
    this.#idleMs += performance.now() - this.#runningSince;
    this.#runningSince = undefined;
    clearTimeout(this.#timer);
  }

  resume(): void {
    if (this.#pausedDepth > 0) this.#pausedDepth -= 1;
    if (this.#pausedDepth === 0 && this.#runningSince === undefined) this.#run();
  }

  stop(): void {
    this.#stopped = true;
    this.#runningSince = undefined;
    clearTimeout(this.#timer);
  }

  #run(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#runningSince = performance.now();
    const left = Math.max(0, this.#limitMs - this.#idleMs);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#stopped || this.#runningSince === undefined) return;
      this.stop();
      this.#onIdle();
    }, left);
  }
}
