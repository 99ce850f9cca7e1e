export type { DefinedTool, RequiredPermission, ToolDefinition, ToolInputResult } from "./define-tool.js";
export { defineTool, parseToolInput } from "./define-tool.js";
