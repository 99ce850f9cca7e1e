import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { TelemetryEvent } from "./events.js";
import { redactEvent } from "./redact.js";
import { markRedacting, type TelemetrySink } from "./sink.js";

export interface JsonlFileSinkOptions {
  /** File to append to; its folder is created when missing. */
  path: string;
  /** Rotate before a write would take the file past this many bytes. Default 5 MiB. */
  maxBytes?: number;
  /** Rotated files kept beside the live one (`<path>.1` newest … `<path>.N` oldest). Default 3. */
  maxFiles?: number;
  /** Called when a write fails; the default reports one line on stderr. Events are never thrown. */
  onError?: (error: Error) => void;
}

/**
 * Appends one redacted JSON event per line. Writes are synchronous appends so an event is on disk
 * when `emit` returns; a crash loses at most the line being written.
 */
export class JsonlFileSink implements TelemetrySink {
  readonly path: string;
  readonly #maxBytes: number;
  readonly #maxFiles: number;
  readonly #onError: (error: Error) => void;
  #size: number | undefined;
  #reportedError = false;

  constructor(options: JsonlFileSinkOptions) {
    this.path = options.path;
    this.#maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.#maxFiles = Math.max(0, options.maxFiles ?? 3);
    this.#onError =
      options.onError ??
      ((error) => {
        if (this.#reportedError) return;
        this.#reportedError = true;
        process.stderr.write(`axion: telemetry file ${this.path}: ${error.message}\n`);
      });
    markRedacting(this);
  }

  emit(event: TelemetryEvent): void {
    const line = `${JSON.stringify(redactEvent(event))}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      if (this.#size === undefined) {
        mkdirSync(dirname(this.path), { recursive: true });
        this.#size = existsSync(this.path) ? statSync(this.path).size : 0;
      }
      if (this.#size > 0 && this.#size + bytes > this.#maxBytes) {
        this.#rotate();
      }
      appendFileSync(this.path, line, { mode: 0o600 });
      this.#size += bytes;
    } catch (error) {
      this.#size = undefined;
      this.#onError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async flush(): Promise<void> {}

  #rotate(): void {
    if (this.#maxFiles === 0) {
      rmSync(this.path, { force: true });
    } else {
      rmSync(`${this.path}.${this.#maxFiles}`, { force: true });
      for (let index = this.#maxFiles - 1; index >= 1; index -= 1) {
        const from = `${this.path}.${index}`;
        if (existsSync(from)) renameSync(from, `${this.path}.${index + 1}`);
      }
      renameSync(this.path, `${this.path}.1`);
    }
    this.#size = 0;
  }
}
