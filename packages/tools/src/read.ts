import { extname } from "node:path";
import { z } from "zod";
import type { ToolContext, ToolOutput } from "@axion/runtime";
import { ToolError } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { displayPath } from "./display-path.js";
import { shellCommand } from "./shell-quote.js";

export const READ_DEFAULT_LIMIT = 2_000;
export const READ_MAX_LINE_LENGTH = 2_000;
export const READ_MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Text files larger than this are refused; Grep or Bash can look inside them. */
export const READ_MAX_TEXT_BYTES = 64 * 1024 * 1024;

const IMAGE_TYPES: Readonly<Record<string, string>> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
};

export const readTool = defineTool({
  name: "Read",
  description: [
    "Reads a file from the workspace.",
    "",
    `- Text comes back in cat -n format (line number, tab, line), from line offset (1-based) for up to limit lines (default ${READ_DEFAULT_LIMIT}); lines longer than ${READ_MAX_LINE_LENGTH} characters are cut.`,
    "- PNG, JPEG, GIF and WebP images are returned as images; PDFs as their text (needs pdftotext).",
    "- Binary files are refused. Use Glob or Bash ls to list a directory.",
  ].join("\n"),
  inputSchema: z.object({
    file_path: z.string().min(1).describe("Path of the file, absolute or relative to the workspace root"),
    offset: z.number().int().positive().optional().describe("1-based line number to start reading at"),
    limit: z.number().int().positive().optional().describe(`Number of lines to read (default ${READ_DEFAULT_LIMIT})`),
  }),
  requiredPermission: "read-only",
  permissionSubject: (input) => input.file_path,
  touchedPaths: (input) => [{ path: input.file_path, access: "read" }],
  async execute(input, context) {
    const shown = displayPath(context, input.file_path);
    const info = await context.fs.stat(input.file_path);
    if (info === undefined) throw new ToolError(`File not found: ${shown}`, "file_not_found");
    if (info.isDirectory) throw new ToolError(`${shown} is a directory; use Glob or Bash ls to list it`, "is_directory");

    const extension = extname(input.file_path).toLowerCase();
    const mediaType = IMAGE_TYPES[extension];
    if (mediaType !== undefined) return readImage(context, input.file_path, shown, mediaType, info.size);
    if (extension === ".pdf") return numberLines(await pdfText(context, input.file_path, shown), shown, input);

    if (info.size > READ_MAX_TEXT_BYTES) {
      throw new ToolError(
        `${shown} is too large to read (${info.size} bytes, limit ${READ_MAX_TEXT_BYTES}); search it with Grep or read parts with Bash`,
        "file_too_large",
      );
    }
    const bytes = await context.fs.readFile(input.file_path);
    if (bytes.subarray(0, 8192).includes(0)) {
      throw new ToolError(`${shown} is a binary file; Read only shows text, images and PDFs`, "binary_file");
    }
    return numberLines(bytes.toString("utf8"), shown, input);
  },
});

async function readImage(context: ToolContext, path: string, shown: string, mediaType: string, size: number): Promise<ToolOutput> {
  if (size > READ_MAX_IMAGE_BYTES) {
    throw new ToolError(`${shown} is too large to send as an image (${size} bytes, limit ${READ_MAX_IMAGE_BYTES})`, "image_too_large");
  }
  const data = (await context.fs.readFile(path)).toString("base64");
  return {
    content: [{ type: "image", source: { type: "base64", media_type: mediaType, data } }],
    display: { kind: "image", path: shown, mediaType, size },
  };
}

async function pdfText(context: ToolContext, path: string, shown: string): Promise<string> {
  const absolute = await context.fs.resolve(path, "read");
  const result = await context.exec(shellCommand(["pdftotext", "-layout", absolute, "-"]), {
    signal: context.signal,
    maxOutputBytes: READ_MAX_TEXT_BYTES,
    keep: "head",
  });
  if (result.exitCode === 127) {
    throw new ToolError(
      `Cannot read the PDF ${shown}: pdftotext is not installed (install poppler-utils, or convert the PDF another way)`,
      "pdftotext_missing",
    );
  }
  if (result.exitCode !== 0) {
    throw new ToolError(`pdftotext could not read ${shown}: ${result.stderr.trim() || `exit code ${String(result.exitCode)}`}`, "pdf_failed");
  }
  return result.stdout;
}

/** `cat -n` style: `String(n).padStart(6) + "\t" + line`, with notices for empty files and partial reads. */
export function numberLines(text: string, shown: string, range: { offset?: number | undefined; limit?: number | undefined }): string {
  if (text === "") return `(The file ${shown} exists but is empty)`;
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const offset = range.offset ?? 1;
  const limit = range.limit ?? READ_DEFAULT_LIMIT;
  if (offset > lines.length) {
    return `(The file ${shown} has ${lines.length} line${lines.length === 1 ? "" : "s"}; offset ${offset} is past its end)`;
  }
  const end = Math.min(lines.length, offset - 1 + limit);
  const output: string[] = [];
  for (let index = offset - 1; index < end; index += 1) {
    let line = lines[index]!;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line.length > READ_MAX_LINE_LENGTH) line = `${line.slice(0, READ_MAX_LINE_LENGTH)}… [line cut at ${READ_MAX_LINE_LENGTH} characters]`;
    output.push(`${String(index + 1).padStart(6)}\t${line}`);
  }
  if (end < lines.length) {
    output.push("", `(Showing lines ${offset}-${end} of ${lines.length}; read on with offset ${end + 1})`);
  }
  return output.join("\n");
}
