export type { PermissionMode } from "./permission-mode.js";
export { modeGrants, parsePermissionMode, PERMISSION_MODES } from "./permission-mode.js";
export type {
  ExecOptions,
  ExecResult,
  RequiredPermission,
  RuntimeTool,
  ToolContext,
  ToolOutput,
  ToolRegistry,
  ToolResultPart,
  ToolServices,
  ToolSpec,
  ToolValidation,
  WorkspaceFs,
} from "./tool-contract.js";
export { ToolError } from "./tool-error.js";
export { absolutePath, isInside, realPathOf, resolveWorkspacePath } from "./workspace-path.js";
