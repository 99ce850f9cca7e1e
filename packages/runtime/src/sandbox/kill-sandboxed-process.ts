import { readdirSync, readFileSync } from "node:fs";

/**
 * Kills a sandboxed command for good: `pid` is the bwrap that `sandboxedInvocation` started (its group leader).
 *
 * bwrap forks the sandbox's init (pid 1 of a new pid namespace, in its own session), which dies with its parent
 * (`--die-with-parent`), taking every process of the namespace with it. But the parent-death signal is armed only
 * after the fork: a bwrap killed in between would leave the sandbox running unowned. So bwrap is stopped first,
 * which freezes its list of children; each child is killed (SIGKILL to a namespace's init ends the namespace), then
 * bwrap's group.
 */
export function killSandboxedProcess(pid: number): void {
  try {
    process.kill(pid, "SIGSTOP");
  } catch {
    return; // already gone
  }
  for (const child of childrenOf(pid)) {
    try {
      process.kill(child, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").split(/\s+/).filter((entry) => entry !== "").map(Number);
  } catch {
    // a kernel without CONFIG_PROC_CHILDREN: look for processes whose parent is pid
  }
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}
