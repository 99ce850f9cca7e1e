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
export type { AgentEvent, AgentStopReason } from "./loop/agent-events.js";
export type {
  AgentTurnOptions,
  AutoCompactOptions,
  CompactionOutcome,
  PromptCacheEvent,
  TranscriptWriter,
  TurnResult,
  TurnToolResult,
  TurnToolUse,
} from "./loop/agent-loop.js";
export { LOOP_GUARD_LIMIT, runAgentTurn } from "./loop/agent-loop.js";
export type {
  DispatchResult,
  HookEventName,
  HookOutcome,
  HookRunnerLike,
  PermissionGate,
  ToolCall,
  ToolDispatcherOptions,
  ToolPermissionRequest,
} from "./loop/tool-dispatcher.js";
export { PLAN_MODE_TOOLS, textOf, ToolDispatcher } from "./loop/tool-dispatcher.js";
export { TOOL_OUTPUT_LIMIT, truncateToolOutput } from "./loop/truncate-output.js";
export type { BackgroundCommandOptions, BackgroundTask } from "./host/background-tasks.js";
export { BackgroundTasks, startBackgroundCommand } from "./host/background-tasks.js";
export { DEFAULT_MAX_OUTPUT_BYTES, runCommand, truncationNotice } from "./host/run-command.js";
export type { ToolContextOptions } from "./host/tool-context.js";
export { createToolContext } from "./host/tool-context.js";
export type { WorkspaceFsOptions } from "./host/workspace-fs.js";
export { createWorkspaceFs } from "./host/workspace-fs.js";
export { ConfigError } from "./config/config-error.js";
export type { ConfigScope, ConfigSource, LoadConfigOptions, LoadedConfig, PermissionRuleSets } from "./config/load-config.js";
export { loadConfig, resolveConfigHome, settingsFileLocations, settingsFromEnv, validateSettings } from "./config/load-config.js";
export type { PermissionsSettings, Settings, SettingsInput } from "./config/settings-schema.js";
export { PERMISSION_MODE_NAMES, settingsSchema } from "./config/settings-schema.js";
export type { GuardMatch } from "./permissions/dangerous-command-guard.js";
export { findDangerousCommand } from "./permissions/dangerous-command-guard.js";
export type {
  PermissionDecision,
  PermissionPolicyOptions,
  PermissionRequest,
  PermissionStep,
} from "./permissions/permission-policy.js";
export { PermissionPolicy, PermissionRuleError } from "./permissions/permission-policy.js";
export type { PermissionPrompter, PromptAnswer } from "./permissions/permission-prompter.js";
export { createStreamPrompter, PROMPT_QUESTION, PROMPT_TITLE } from "./permissions/permission-prompter.js";
export type { PermissionRule } from "./permissions/permission-rule.js";
export { parsePermissionRule, parseToolList } from "./permissions/permission-rule.js";
export type { PermissionGateAdapter, PermissionResolution, ResolvePermissionsOptions } from "./permissions/resolve-permissions.js";
export {
  createPermissionGate,
  DENIED_BY_USER,
  NO_ANSWER,
  resolvePermissions,
} from "./permissions/resolve-permissions.js";
