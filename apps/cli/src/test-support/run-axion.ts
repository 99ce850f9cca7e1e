import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const AXION_BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "axion.cjs");

export interface AxionRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunAxionOptions {
  cwd?: string;
  env?: Record<string, string>;
  stdin?: string;
  timeoutMs?: number;
}

/** A cleared environment: HOME and config home in a temp dir, PATH = node's folder + /usr/bin:/bin. */
export function cleanEnv(home: string = mkdtempSync(join(tmpdir(), "axion-home-"))): Record<string, string> {
  return {
    HOME: home,
    AXION_CONFIG_HOME: join(home, "config"),
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    NO_COLOR: "1",
  };
}

/** Runs the built binary as a black box. */
export function runAxion(args: readonly string[], options: RunAxionOptions = {}): Promise<AxionRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AXION_BIN, ...args], {
      cwd: options.cwd ?? mkdtempSync(join(tmpdir(), "axion-work-")),
      env: options.env ?? cleanEnv(),
      stdio: ["pipe", "pipe", "pipe"],
      // a session of its own: no controlling terminal, as in CI, so an approval prompt can never wait on a person
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? "");
  });
}

export interface TestWorkspace {
  /** The folder axion runs in. */
  cwd: string;
  /** HOME of the run; the config home is `<home>/config`. */
  home: string;
  env: Record<string, string>;
}

/**
 * A fresh workspace and home in a temp dir with a cleared environment pointing Anthropic at `mockUrl`
 * (key `test-key` unless `withKey` is false).
 */
export function testWorkspace(mockUrl: string, options: { withKey?: boolean; prefix?: string } = {}): TestWorkspace {
  const root = realpathSync(mkdtempSync(join(tmpdir(), options.prefix ?? "axion-e2e-")));
  const cwd = join(root, "work");
  const home = join(root, "home");
  mkdirSync(cwd, { recursive: true });
  mkdirSync(join(home, "config"), { recursive: true });
  const env: Record<string, string> = {
    HOME: home,
    AXION_CONFIG_HOME: join(home, "config"),
    ANTHROPIC_BASE_URL: mockUrl,
    NO_COLOR: "1",
    PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    ...(options.withKey === false ? {} : { ANTHROPIC_API_KEY: "test-key" }),
  };
  return { cwd, home, env };
}
