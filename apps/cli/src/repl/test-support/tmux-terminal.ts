import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AXION_BIN } from "../../test-support/run-axion.js";

const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

export interface TmuxTerminalOptions {
  cwd: string;
  env: Record<string, string>;
  args?: readonly string[];
  columns?: number;
  rows?: number;
  /** A shell pipeline stage after axion (e.g. `| tee out.txt`), to run it with stdout not a terminal. */
  pipeTo?: string;
  /** A shell pipeline stage before axion (e.g. `printf 'y\n' |`), to run it with stdin not a terminal. */
  pipeFrom?: string;
}

/**
 * The built `axion` binary in a real pseudo-terminal: a detached tmux session on a private tmux server, started
 * with exactly the given environment (`env -i`). Keys go in with send-keys, the screen comes back with
 * capture-pane; waits poll the screen, generously, so a loaded machine does not make the tests flaky.
 */
export class TmuxTerminal {
  readonly socket: string;
  private readonly directory: string;
  private closed = false;

  private constructor(socket: string, directory: string) {
    this.socket = socket;
    this.directory = directory;
  }

  static start(options: TmuxTerminalOptions): TmuxTerminal {
    const directory = mkdtempSync(join(tmpdir(), "axion-tmux-"));
    const socket = `axion-test-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    const environment = Object.entries(options.env).map(([key, value]) => quote(`${key}=${value}`));
    const command = [quote(process.execPath), quote(AXION_BIN), ...(options.args ?? []).map(quote)].join(" ");
    const script = [
      `cd ${quote(options.cwd)}`,
      `${options.pipeFrom ?? ""} env -i ${environment.join(" ")} ${command} ${options.pipeTo ?? ""}`,
      `echo $? > ${quote(join(directory, "exit-code"))}`,
      // keep the pane (and its last screen) until the test has read it
      "sleep 600",
    ].join("\n");
    writeFileSync(join(directory, "run.sh"), `${script}\n`);
    const terminal = new TmuxTerminal(socket, directory);
    terminal.tmux([
      "-f",
      "/dev/null",
      "new-session",
      "-d",
      "-s",
      "main",
      "-x",
      String(options.columns ?? 120),
      "-y",
      String(options.rows ?? 40),
      `sh ${quote(join(directory, "run.sh"))}`,
    ]);
    terminal.tmux(["set-option", "-t", "main", "history-limit", "10000"]);
    return terminal;
  }

  private tmux(args: readonly string[]): string {
    return execFileSync("tmux", ["-L", this.socket, ...args], { encoding: "utf8", env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", TERM: "xterm-256color" } });
  }

  /** Types text literally (no key names). */
  type(text: string): void {
    this.tmux(["send-keys", "-t", "main", "-l", text]);
  }

  /** Sends tmux key names: `Enter`, `C-c`, `M-Enter`, `Tab`, `Up`, … */
  press(...keys: string[]): void {
    this.tmux(["send-keys", "-t", "main", ...keys]);
  }

  /** The whole pane, scrollback included, wrapped lines joined; with `escapes`, SGR sequences are kept. */
  screen(options: { escapes?: boolean } = {}): string {
    return this.tmux(["capture-pane", "-p", "-J", "-S", "-10000", "-t", "main", ...(options.escapes === true ? ["-e"] : [])]).replace(/\n+$/, "\n");
  }

  /** Polls the screen until `expected` shows up (a string, a pattern, or a count of a string); returns the screen. */
  async waitFor(expected: string | RegExp | { text: string; count: number }, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = "";
    for (;;) {
      screen = this.screen();
      if (matches(screen, expected)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(typeof expected === "object" && "text" in expected ? `${expected.count}× ${expected.text}` : expected)}; screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The exit code once axion has exited. */
  async exitCode(timeoutMs = 30_000): Promise<number> {
    const file = join(this.directory, "exit-code");
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(file) || readFileSync(file, "utf8").trim() === "") {
      if (Date.now() > deadline) throw new Error(`axion did not exit; screen:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Number(readFileSync(file, "utf8").trim());
  }

  /** Ends the private tmux server (and everything in its pane). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.tmux(["kill-server"]);
    } catch {
      // already gone
    }
  }
}

function matches(screen: string, expected: string | RegExp | { text: string; count: number }): boolean {
  if (typeof expected === "string") return screen.includes(expected);
  if (expected instanceof RegExp) return expected.test(screen);
  return screen.split(expected.text).length - 1 >= expected.count;
}

/** Waits until `count` REPL prompt markers (`❯ `) stand at the start of a line: the REPL reads again. */
export function waitForPrompts(terminal: TmuxTerminal, count: number): Promise<string> {
  return terminal.waitFor(new RegExp(`^(?:[\\s\\S]*?^❯ ){${count}}`, "m"));
}
