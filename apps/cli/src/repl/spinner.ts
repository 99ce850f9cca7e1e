import type { TerminalStyle } from "./terminal-style.js";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export interface Spinner {
  /** Starts (or restarts) the spinner on the current, empty line. */
  start(label: string): void;
  /** Removes the spinner line; the cursor is back at its start. */
  stop(): void;
  readonly running: boolean;
}

/**
 * A one-line spinner (`⠋ Thinking… 3s · Ctrl-C to cancel`) redrawn with a carriage return and erased with an ANSI
 * "clear line". Off (does nothing) unless `enabled`: the REPL enables it on a colour terminal only.
 */
export function createSpinner(options: { write(text: string): void; enabled: boolean; style: TerminalStyle; intervalMs?: number }): Spinner {
  const { write, style } = options;
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;
  let startedAt = 0;
  let label = "";
  let drawnWidth = 0;
  const draw = (): void => {
    const seconds = Math.floor((Date.now() - startedAt) / 1_000);
    const text = `${FRAMES[frame % FRAMES.length]} ${label}${seconds > 0 ? ` ${seconds}s` : ""} · Ctrl-C to cancel`;
    frame += 1;
    const padding = drawnWidth > text.length ? " ".repeat(drawnWidth - text.length) : "";
    write(`\r${style.cyan(text.slice(0, 1))}${style.dim(text.slice(1))}${padding}\r`);
    drawnWidth = text.length;
  };
  return {
    start(next) {
      if (!options.enabled) return;
      label = next;
      if (timer !== undefined) return;
      startedAt = Date.now();
      frame = 0;
      draw();
      timer = setInterval(draw, options.intervalMs ?? 100);
      timer.unref();
    },
    stop() {
      if (timer === undefined) return;
      clearInterval(timer);
      timer = undefined;
      write("\r\x1b[2K");
      drawnWidth = 0;
    },
    get running() {
      return timer !== undefined;
    },
  };
}
