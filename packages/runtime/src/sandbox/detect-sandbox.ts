import { spawnSync } from "node:child_process";
import { findExecutable } from "../host/find-executable.js";

/** Whether bubblewrap can confine commands on this machine. */
export type SandboxDetection =
  | { available: true; bwrapPath: string; version: string }
  | { available: false; reason: string; bwrapPath?: string | undefined };

/** The flags every sandboxed command uses, tried once on `/` so a machine without user namespaces shows up here. */
const PROBE_ARGS = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--unshare-pid", "--die-with-parent", "--new-session", "--unshare-net", "--", "true"];
const PROBE_TIMEOUT_MS = 5_000;

const detections = new Map<string, SandboxDetection>();

/**
 * Finds `bwrap` on `PATH` (of `env`, default the process's) and runs it once with the sandbox's flags. The answer is
 * kept for the rest of the process (one probe per PATH), so asking again costs nothing. Linux only.
 */
export function detectSandbox(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): SandboxDetection {
  if (platform !== "linux") return { available: false, reason: `the sandbox needs Linux and bubblewrap; this is ${platform}` };
  const path = env["PATH"] ?? "";
  const known = detections.get(path);
  if (known !== undefined) return known;
  const detection = probe(path);
  detections.set(path, detection);
  return detection;
}

function probe(searchPath: string): SandboxDetection {
  const bwrapPath = findExecutable("bwrap", { PATH: searchPath });
  if (bwrapPath === undefined) return { available: false, reason: "bwrap not found" };
  const run = spawnSync(bwrapPath, PROBE_ARGS, { encoding: "utf8", timeout: PROBE_TIMEOUT_MS, stdio: ["ignore", "ignore", "pipe"] });
  if (run.error !== undefined) return { available: false, bwrapPath, reason: `bwrap failed: ${run.error.message}` };
  if (run.status !== 0) {
    const firstLine = (run.stderr ?? "").split("\n").find((line) => line.trim() !== "")?.trim();
    return { available: false, bwrapPath, reason: `bwrap failed: ${firstLine ?? `exit ${run.status ?? run.signal}`}` };
  }
  const versionRun = spawnSync(bwrapPath, ["--version"], { encoding: "utf8", timeout: PROBE_TIMEOUT_MS });
  const version = (versionRun.stdout ?? "").trim().replace(/^bubblewrap\s+/, "") || "unknown";
  return { available: true, bwrapPath, version };
}
