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
export { LOOP_GUARD_LIMIT, runAgentTurn, TurnBudget } from "./loop/agent-loop.js";
export type {
  DispatchResult,
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
export { closeWithProcessTrees, processDescendants, releaseProcess, trackProcess } from "./host/process-reaper.js";
export type { ToolContextOptions } from "./host/tool-context.js";
export { createToolContext } from "./host/tool-context.js";
export type { WorkspaceFsOptions } from "./host/workspace-fs.js";
export { createWorkspaceFs } from "./host/workspace-fs.js";
export type { SandboxSpec } from "./sandbox/sandbox-spec.js";
export type { SandboxArgsOptions } from "./sandbox/build-sandbox-args.js";
export { buildSandboxArgs } from "./sandbox/build-sandbox-args.js";
export type { SandboxDetection } from "./sandbox/detect-sandbox.js";
export { detectSandbox } from "./sandbox/detect-sandbox.js";
export type { SandboxDecision, SandboxForOptions, SandboxStatus } from "./sandbox/sandbox-for.js";
export { sandboxFor } from "./sandbox/sandbox-for.js";
export { describeSandboxStatus } from "./sandbox/describe-sandbox-status.js";
export { SANDBOX_HIDDEN_HOME_PATHS, sandboxHiddenPaths } from "./sandbox/sandbox-hidden-paths.js";
export type { ProtectedPathWatch } from "./sandbox/sandbox-protected-paths.js";
export { SANDBOX_PROTECTED_PATHS, watchProtectedPaths } from "./sandbox/sandbox-protected-paths.js";
export type { SandboxSettings } from "./sandbox/sandbox-settings.js";
export { sandboxSettingsSchema } from "./sandbox/sandbox-settings.js";
export type { CommandInvocation } from "./sandbox/sandboxed-invocation.js";
export { sandboxedInvocation } from "./sandbox/sandboxed-invocation.js";
export { ConfigError } from "./config/config-error.js";
export type { ConfigScope, ConfigSource, LoadConfigOptions, LoadedConfig, PermissionRuleSets } from "./config/load-config.js";
export { loadConfig, resolveConfigHome, settingsFileLocations, settingsFromEnv, validateSettings } from "./config/load-config.js";
export type { UntrustedItem, UntrustedReport } from "./config/untrusted-settings.js";
export { filterUntrustedLayer, raisesPermissionMode } from "./config/untrusted-settings.js";
export type { ClaudeCodeTrust } from "./trust/claude-code-trust.js";
export { claudeCodeConfigPath, readClaudeCodeTrust } from "./trust/claude-code-trust.js";
export { realFolderPath } from "./trust/real-folder-path.js";
export type { TrustedFolderEntry } from "./trust/trust-folder.js";
export { listTrustedFolders, revokeFolder, trustFolder } from "./trust/trust-folder.js";
export type { TrustedFolderRecord } from "./trust/trusted-folders-file.js";
export { readTrustedFolders, trustedFoldersPath, writeTrustedFolders } from "./trust/trusted-folders-file.js";
export type { WorkspaceTrust, WorkspaceTrustOptions } from "./trust/workspace-trust.js";
export { trustCovers, workspaceTrust } from "./trust/workspace-trust.js";
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
export type { ProtectedPath } from "./permissions/protected-path.js";
export { protectedPathOf, SHELL_RC_FILES } from "./permissions/protected-path.js";
export type {
  ShellAnalysis,
  ShellAnalysisOptions,
  ShellCommand,
  ShellCommandLayer,
  ShellWriteTarget,
} from "./permissions/shell-analysis.js";
export { analyzeShellCommand } from "./permissions/shell-analysis.js";
export type { ShellParser } from "./permissions/shell-parser.js";
export { loadShellParser } from "./permissions/shell-parser.js";
export type { ShellWord } from "./permissions/shell-words.js";
export type { PermissionGateAdapter, PermissionResolution, ResolvePermissionsOptions } from "./permissions/resolve-permissions.js";
export {
  createPermissionGate,
  DENIED_BY_USER,
  NO_ANSWER,
  resolvePermissions,
} from "./permissions/resolve-permissions.js";
export { SessionError } from "./session/session-error.js";
export type { SessionErrorCode } from "./session/session-error.js";
export { assertSafeSessionName, isSafeSessionName, newSessionId } from "./session/session-id.js";
export type {
  SessionCompactionRecord,
  SessionMessageRecord,
  SessionMetaRecord,
  SessionOtherRecord,
  SessionParent,
  SessionRecord,
  SessionTitleRecord,
  SessionUsageRecord,
  SessionInterruptedToolsRepair,
  SessionPromptResentRepair,
  SessionRepairRecord,
} from "./session/session-records.js";
export { parseRecordLine, SESSION_FORMAT_VERSION } from "./session/session-records.js";
export type { LoadedSession, LoadSessionOptions } from "./session/load-session.js";
export { loadSessionFile } from "./session/load-session.js";
export type { SessionWriterOptions } from "./session/session-writer.js";
export { SessionWriter } from "./session/session-writer.js";
export type { ResumedSession, ResumeWaitingOptions, SessionStoreOptions, SessionSummary } from "./session/session-store.js";
export { resumeSession, SessionStore } from "./session/session-store.js";
export type { SessionLockHolder } from "./session/session-lock.js";
export { SessionLock } from "./session/session-lock.js";
export type { DanglingPrompt } from "./session/session-repair.js";
export {
  applyInterruptedToolsRepair,
  applyPromptResentRepair,
  findDanglingPrompt,
  INTERRUPTED_TOOL_RESULT,
  interruptedToolRepairs,
  takeDanglingPrompt,
} from "./session/session-repair.js";
export type { CompactOptions, CompactResult, Summarizer } from "./compaction/compact-messages.js";
export { compactMessages, DEFAULT_KEEP_RECENT } from "./compaction/compact-messages.js";
export { buildTranscript, heuristicSummary } from "./compaction/compaction-transcript.js";
export { compactionHeader, summaryMessage } from "./compaction/summary-message.js";
export { estimateTokens, IMAGE_TOKEN_ESTIMATE } from "./compaction/estimate-tokens.js";
export { createModelSummarizer, SUMMARY_INSTRUCTIONS } from "./compaction/model-summarizer.js";
export {
  AUTO_COMPACT_ENV,
  AUTO_COMPACT_WINDOW_SHARE,
  autoCompactThreshold,
  shouldAutoCompact,
} from "./compaction/auto-compact.js";
export { CompactionError } from "./compaction/compaction-error.js";
export type { ModelUsage, UsageTrackerOptions } from "./usage/usage-tracker.js";
export { addUsage, formatCost, priceUsage, UsageTracker } from "./usage/usage-tracker.js";
export type { CollectGitContextOptions, GitContext } from "./git/git-context.js";
export { collectGitContext, gitContextSnapshot, parseGitStatus } from "./git/git-context.js";
export { SAFE_GIT_ARGS, SAFE_GIT_DIFF_ARGS, gitFilterOverrides, safeGitArgs, safeGitEnv, UNSAFE_GIT_ENV } from "./git/safe-git.js";
export type { DiscoverInstructionOptions, InstructionFile } from "./prompt/instruction-files.js";
export {
  discoverInstructionFiles,
  INSTRUCTION_FILE_LIMIT,
  INSTRUCTION_FILE_NAMES,
  INSTRUCTION_TOTAL_LIMIT,
  normaliseInstructionText,
  renderInstructionFiles,
} from "./prompt/instruction-files.js";
export type {
  BuildSystemPromptOptions,
  OutputStyle,
  PromptConfigSource,
  PromptSkill,
} from "./prompt/build-system-prompt.js";
export { buildSystemPrompt } from "./prompt/build-system-prompt.js";
export { PromptError } from "./prompt/prompt-error.js";
export type { HookPayload, HookRunnerOptions } from "./hooks/hook-runner.js";
export { HookRunner } from "./hooks/hook-runner.js";
export type { HookCommand, HookEvent, HookMatcherGroup, HooksConfig, HookSource } from "./hooks/hooks-config.js";
export { HOOK_EVENTS, hookMatcherSelects, hooksConfigSchema, TOOL_HOOK_EVENTS } from "./hooks/hooks-config.js";
export type { HookOutcome } from "./hooks/hook-runner.js";
export { childProcessEnv, isSecretEnvName } from "./secrets/secret-env.js";
export { collectSecretValues, REDACTED_SECRET, SecretRedactor } from "./secrets/secret-redactor.js";
export { findExecutable } from "./host/find-executable.js";
