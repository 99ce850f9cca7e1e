import type { ResumedSession, SessionStore } from "@axion/runtime";

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * `--wait`: resumes `ref` once no other axion writes it, polling its lock; says once on stderr whom it waits for.
 * Ctrl-C (or SIGTERM / SIGHUP) stops the wait with the lock error.
 */
export async function resumeWhenFree(store: SessionStore, ref: string, say: (line: string) => void): Promise<ResumedSession> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  try {
    return await store.resumeWaiting(ref, {
      signal: controller.signal,
      pollMs: 200,
      onWait: (message) => say(`axion: ${message}; waiting for it to finish (Ctrl-C to stop)`),
    });
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, stop);
  }
}
