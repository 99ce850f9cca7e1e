import { createTwoFilesPatch, structuredPatch } from "diff";

/** What Write and Edit hand to the UI: a unified diff of the change and its line counts. */
export interface FileDiffDisplay extends Record<string, unknown> {
  kind: "diff";
  path: string;
  created: boolean;
  patch: string;
  additions: number;
  removals: number;
}

/** A unified diff (3 lines of context) between the old and new content of `path`. */
export function fileDiff(path: string, before: string, after: string, created: boolean): FileDiffDisplay {
  const patch = createTwoFilesPatch(created ? "/dev/null" : `a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
  let additions = 0;
  let removals = 0;
  for (const hunk of structuredPatch(path, path, before, after, undefined, undefined, { context: 0 }).hunks) {
    for (const line of hunk.lines) {
      if (line.startsWith("+")) additions += 1;
      else if (line.startsWith("-")) removals += 1;
    }
  }
  return { kind: "diff", path, created, patch, additions, removals };
}
