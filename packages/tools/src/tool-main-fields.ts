/**
 * The input field that says what a call of a built-in tool is about: the command of Bash, the path of Read, the
 * pattern of Grep… Used to show a call on one line and to build a call from free text.
 */
export const TOOL_MAIN_FIELDS: Readonly<Record<string, string>> = {
  Bash: "command",
  Read: "file_path",
  Write: "file_path",
  Edit: "file_path",
  NotebookEdit: "notebook_path",
  Glob: "pattern",
  Grep: "pattern",
  WebFetch: "url",
  WebSearch: "query",
  Agent: "description",
  Skill: "skill",
  ToolSearch: "query",
};
