import { isAbsolute, relative } from "node:path";
import type { ToolContext } from "@axion/runtime";
import { absolutePath } from "@axion/runtime";

/** How a path is shown to the model: relative to the workspace when inside it, else as given. */
export function displayPath(context: Pick<ToolContext, "cwd">, given: string): string {
  const rel = relative(context.cwd, absolutePath(context.cwd, given));
  if (rel === "") return ".";
  if (rel === ".." || rel.startsWith("../") || isAbsolute(rel)) return given;
  return rel;
}

/** An absolute path shown relative to `root` when inside it. */
export function relativeToRoot(root: string, absolute: string): string {
  const rel = relative(root, absolute);
  if (rel === "") return ".";
  if (rel === ".." || rel.startsWith("../") || isAbsolute(rel)) return absolute;
  return rel;
}
