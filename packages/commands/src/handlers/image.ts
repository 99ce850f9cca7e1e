import { statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { CommandError, usageError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";
import { formatBytes } from "../text/format-text.js";

export const IMAGE_EXTENSIONS = [".png", ".jpg", ".jpeg", ".gif", ".webp"];
/** Providers refuse larger images. */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/** Splits `"my shot.png" prompt…` or `shot.png prompt…` into the path and the rest. */
function splitPath(args: string): { path: string; prompt: string } {
  const trimmed = args.trim();
  const quoted = /^(["'])(.*?)\1\s*([\s\S]*)$/.exec(trimmed);
  if (quoted) return { path: quoted[2] ?? "", prompt: (quoted[3] ?? "").trim() };
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  return { path: match?.[1] ?? "", prompt: (match?.[2] ?? "").trim() };
}

/** `/image <path> [prompt]`: attaches an image to the next message; with a prompt, sends it right away. */
export const imageCommand: SlashCommand = {
  name: "image",
  category: "Media",
  summary: "Attach an image to the next message",
  usage: "<path> [prompt]",
  details: `Formats: ${IMAGE_EXTENSIONS.join(", ")}; at most ${formatBytes(IMAGE_MAX_BYTES)}. Quote a path that has spaces.`,
  async run(args, host) {
    const { path, prompt } = splitPath(args);
    if (path === "") throw usageError("image", "<path> [prompt]");
    if (host.attachImage === undefined) throw new CommandError("command_unavailable", "This session cannot attach images.");
    const absolute = resolve(host.cwd, path.replace(/^~(?=\/)/, host.env["HOME"] ?? "~"));
    let size: number;
    try {
      const stats = statSync(absolute);
      if (!stats.isFile()) throw new CommandError("command_failed", `${absolute} is not a file`);
      size = stats.size;
    } catch (error) {
      if (CommandError.isInstance(error)) throw error;
      throw new CommandError("command_failed", `${absolute}: no such file`);
    }
    const extension = extname(absolute).toLowerCase();
    if (!IMAGE_EXTENSIONS.includes(extension)) {
      throw new CommandError("command_failed", `${absolute}: not a supported image (${IMAGE_EXTENSIONS.join(", ")})`);
    }
    if (size > IMAGE_MAX_BYTES) {
      throw new CommandError("command_failed", `${absolute}: ${formatBytes(size)} is over the ${formatBytes(IMAGE_MAX_BYTES)} limit`);
    }
    await host.attachImage(absolute);
    const attached = `Attached ${basename(absolute)} (${formatBytes(size)})`;
    if (prompt !== "") return { output: `${attached}.`, runPrompt: prompt };
    return { output: `${attached} to your next message.` };
  },
};
