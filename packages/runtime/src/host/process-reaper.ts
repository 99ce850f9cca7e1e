import { spawn, type ChildProcess } from "node:child_process";

/**
 * The watchdog: a bash loop in its own session that collects process-group ids on its stdin (`+pgid` / `-pgid`)
 * and, when stdin closes — axion exited, or was killed, even with SIGKILL — kills every group still listed.
 * Node has no parent-death signal for its children; the closing pipe is the one thing the kernel does for us.
 */
const WATCHDOG_SCRIPT = [
  "trap '' HUP INT TERM PIPE",
  'groups=" "',
  'while IFS= read -r line; do case "$line" in "+"*) groups="$groups${line#+} " ;; "-"*) groups="${groups// ${line#-} / }" ;; esac; done',
  'for group in $groups; do kill -KILL -- "-$group" 2>/dev/null; done',
].join("\n");

const live = new Set<number>();
let watchdog: ChildProcess | undefined;
let exitHookInstalled = false;

function send(line: string): void {
  if (watchdog === undefined) {
    try {
      watchdog = spawn("bash", ["-c", WATCHDOG_SCRIPT], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
    } catch {
      return;
    }
    watchdog.on("error", () => {
      watchdog = undefined;
    });
    watchdog.stdin?.on("error", () => {});
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }
  watchdog.stdin?.write(`${line}\n`);
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    // already gone
  }
}

/**
 * Keeps a tool's process group (a command started detached, so its pid is its group id) from outliving axion:
 * on any exit of this process its group is killed, and after a SIGKILL of axion the watchdog kills it.
 */
export function trackProcessGroup(pgid: number | undefined): void {
  if (pgid === undefined) return;
  live.add(pgid);
  send(`+${pgid}`);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const group of live) killGroup(group);
    });
  }
}

/**
 * Forgets a group once its leader has exited and nothing else is left in it (a background grandchild keeps the
 * group, and so stays bound to axion's life).
 */
export function releaseProcessGroup(pgid: number | undefined): void {
  if (pgid === undefined || !live.has(pgid)) return;
  try {
    process.kill(-pgid, 0);
    return; // something still runs in it
  } catch {
    live.delete(pgid);
    send(`-${pgid}`);
  }
}

/** The groups axion still answers for (tests). */
export function trackedProcessGroups(): number[] {
  return [...live];
}
