import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * The watchdog: a bash loop in its own session that collects process-group ids (`+pgid` / `-pgid`) and single
 * processes (`+p<pid>` / `-p<pid>`: processes that share axion's group, such as stdio MCP servers) on its stdin
 * and, when stdin closes — axion exited, or was killed, even with SIGKILL — kills every group still listed, and
 * every process still listed with the processes it started (SIGTERM, then SIGKILL a second later).
 * Node has no parent-death signal for its children; the closing pipe is the one thing the kernel does for us.
 */
const WATCHDOG_SCRIPT = [
  "trap '' HUP INT TERM PIPE",
  'groups=" "',
  'processes=" "',
  'while IFS= read -r line; do case "$line" in',
  '  "+p"*) processes="$processes${line#+p} " ;;',
  '  "-p"*) processes="${processes// ${line#-p} / }" ;;',
  '  "+"*) groups="$groups${line#+} " ;;',
  '  "-"*) groups="${groups// ${line#-} / }" ;;',
  "esac; done",
  'for group in $groups; do kill -KILL -- "-$group" 2>/dev/null; done',
  // a process's children are listed before it is killed: once it is gone they belong to init
  'descendants() { local child; for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do echo "$child"; descendants "$child"; done; }',
  'doomed=""',
  'for process in $processes; do doomed="$doomed $process $(descendants "$process")"; done',
  'if [ -n "${doomed// /}" ]; then',
  "  kill -TERM $doomed 2>/dev/null",
  "  sleep 1",
  "  kill -KILL $doomed 2>/dev/null",
  "fi",
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

const liveProcesses = new Set<number>();

/**
 * Keeps a single process that is not a group leader (a stdio MCP server, which shares axion's group) from
 * outliving axion: when axion dies, even by SIGKILL, the watchdog ends it and the processes it started. Call
 * `releaseProcess` once it has exited, so a later process given the same pid is left alone.
 */
export function trackProcess(pid: number | undefined): void {
  if (pid === undefined || liveProcesses.has(pid)) return;
  liveProcesses.add(pid);
  send(`+p${pid}`);
}

/** Forgets a process `trackProcess` registered (it exited, or was closed by its owner). */
export function releaseProcess(pid: number | undefined): void {
  if (pid === undefined || !liveProcesses.delete(pid)) return;
  send(`-p${pid}`);
}

/** The single processes axion still answers for (tests). */
export function trackedProcesses(): number[] {
  return [...liveProcesses];
}

/** Every process `pid` started, and what those started, read from /proc (Linux); [] elsewhere or once it is gone. */
export function processDescendants(pid: number): number[] {
  const found: number[] = [];
  const visit = (parent: number): void => {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      return;
    }
    for (const task of tasks) {
      let children: string;
      try {
        children = readFileSync(`/proc/${parent}/task/${task}/children`, "utf8");
      } catch {
        continue;
      }
      for (const child of children.trim().split(/\s+/)) {
        const childPid = Number(child);
        if (child === "" || !Number.isInteger(childPid) || found.includes(childPid)) continue;
        found.push(childPid);
        visit(childPid);
      }
    }
  };
  visit(pid);
  return found;
}

/**
 * Ends the tracked single processes' trees around `close`: what each process started is listed first (closing a
 * stdio MCP server ends the server, and its own children would be left to init), then `close` runs, then whatever
 * of those is still running is killed.
 */
export async function closeWithProcessTrees(close: () => Promise<void>): Promise<void> {
  const children = [...liveProcesses].flatMap(processDescendants);
  try {
    await close();
  } finally {
    for (const pid of children) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
}
