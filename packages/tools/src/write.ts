import { z } from "zod";
import { ToolError } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { displayPath } from "./display-path.js";
import { fileDiff } from "./file-diff.js";

export const writeTool = defineTool({
  name: "Write",
  description: [
    "Writes a file in the workspace, replacing it if it exists; missing parent folders are created.",
    "",
    "- Prefer Edit for changes to an existing file; Write sends the whole content.",
    "- Answers `Created <path>` or `Updated <path>`.",
  ].join("\n"),
  inputSchema: z.object({
    file_path: z.string().min(1).describe("Path of the file, absolute or relative to the workspace root"),
    content: z.string().describe("The complete new content of the file"),
  }),
  requiredPermission: "workspace-write",
  permissionSubject: (input) => input.file_path,
  touchedPaths: (input) => [{ path: input.file_path, access: "write" }],
  async execute(input, context) {
    const shown = displayPath(context, input.file_path);
    const existing = await context.fs.stat(input.file_path);
    if (existing?.isDirectory) throw new ToolError(`${shown} is a directory, not a file`, "is_directory");
    const before = existing === undefined ? "" : (await context.fs.readFile(input.file_path)).toString("utf8");
    const { created } = await context.fs.writeFile(input.file_path, input.content);
    return {
      content: `${created ? "Created" : "Updated"} ${shown}`,
      display: fileDiff(shown, before, input.content, created),
    };
  },
});
