import type { UntrustedItem } from "@axion/runtime";

/**
 * The one stderr line an untrusted folder gets when it carried something that would run or grant; undefined when
 * it carried nothing of the kind.
 */
export function untrustedNotice(items: readonly UntrustedItem[]): string | undefined {
  const relevant = items.filter((item) => item.runsOrGrants);
  if (relevant.length === 0) return undefined;
  return `axion: this folder is not trusted, so these were not loaded: ${relevant.map((item) => item.summary).join(", ")}; run "axion trust" to trust it, or pass --trust-workspace for this run`;
}
