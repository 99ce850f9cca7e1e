import { z } from "zod";
import { ToolError } from "@axion/runtime";
import { defineTool } from "./define-tool.js";
import { displayPath } from "./display-path.js";
import { fileDiff } from "./file-diff.js";

export const editTool = defineTool({
  name: "Edit",
  description: [
    "Replaces exact text in a file.",
    "",
    "- old_string must occur exactly once unless replace_all is true; include enough surrounding lines to make it unique.",
    "- Match the file's indentation exactly; do not include the line-number prefix Read shows.",
    "- An empty old_string creates a file that does not exist yet.",
  ].join("\n"),
  inputSchema: z.object({
    file_path: z.string().min(1).describe("Path of the file, absolute or relative to the workspace root"),
    old_string: z.string().describe("The exact text to replace"),
    new_string: z.string().describe("The text to put in its place (must differ from old_string)"),
    replace_all: z.boolean().optional().describe("Replace every occurrence instead of requiring exactly one"),
  }),
  requiredPermission: "workspace-write",
  permissionSubject: (input) => input.file_path,
  touchedPaths: (input) => [{ path: input.file_path, access: "write" }],
  async execute(input, context) {
    const shown = displayPath(context, input.file_path);
    if (input.old_string === input.new_string) {
      throw new ToolError("old_string and new_string are identical; there is nothing to change", "edit_no_change");
    }
    const existing = await context.fs.stat(input.file_path);
    if (existing === undefined) {
      if (input.old_string !== "") {
        throw new ToolError(`File not found: ${shown} (to create a file, use Write or an empty old_string)`, "file_not_found");
      }
      await context.fs.writeFile(input.file_path, input.new_string);
      return { content: `Created ${shown}`, display: fileDiff(shown, "", input.new_string, true) };
    }
    if (existing.isDirectory) throw new ToolError(`${shown} is a directory, not a file`, "is_directory");

    const before = (await context.fs.readFile(input.file_path)).toString("utf8");
    if (input.old_string === "") {
      if (before !== "") throw new ToolError(`old_string is empty but ${shown} is not; quote the text to replace`, "edit_empty_old_string");
      await context.fs.writeFile(input.file_path, input.new_string);
      return { content: `Replaced 1 occurrence(s) in ${shown}`, display: fileDiff(shown, before, input.new_string, false) };
    }

    let oldString = input.old_string;
    let newString = input.new_string;
    let count = countOccurrences(before, oldString);
    // A file with CRLF line ends still matches text the model wrote with LF.
    if (count === 0 && before.includes("\r\n") && oldString.includes("\n") && !oldString.includes("\r\n")) {
      oldString = oldString.replace(/\n/g, "\r\n");
      newString = newString.replace(/\r?\n/g, "\r\n");
      count = countOccurrences(before, oldString);
    }
    if (count === 0) {
      throw new ToolError(`old_string was not found in ${shown}; Read the file and copy the text exactly`, "edit_not_found");
    }
    if (count > 1 && input.replace_all !== true) {
      throw new ToolError(
        `old_string occurs ${count} times in ${shown}; set replace_all to change every occurrence, or add surrounding lines to make it unique`,
        "edit_ambiguous",
      );
    }
    const after = before.split(oldString).join(newString);
    await context.fs.writeFile(input.file_path, after);
    return { content: `Replaced ${count} occurrence(s) in ${shown}`, display: fileDiff(shown, before, after, false) };
  },
});

function countOccurrences(text: string, search: string): number {
  let count = 0;
  let index = text.indexOf(search);
  while (index !== -1) {
    count += 1;
    index = text.indexOf(search, index + search.length);
  }
  return count;
}
