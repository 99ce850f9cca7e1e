export type { ParsedSlashCommand } from "./parse-slash-command.js";
export { parseSlashCommand, suggestCommands } from "./parse-slash-command.js";
export type {
  CommandCredentials,
  CommandGit,
  CommandHost,
  CommandMcp,
  CommandPlugins,
  CommandResult,
  CommandSession,
  CompactionSummary,
  GitRunResult,
  SlashCommand,
} from "./command-host.js";
export type { CommandErrorCode } from "./command-error.js";
export { CommandError } from "./command-error.js";
export type { CommandRegistry, CommandRegistryOptions } from "./command-registry.js";
export { createCommandRegistry } from "./command-registry.js";
export type { CommandCategory } from "./command-categories.js";
export { COMMAND_CATEGORIES, CUSTOM_COMMAND_CATEGORY } from "./command-categories.js";
export { commandSignature, renderCommandHelp, renderHelp } from "./render-help.js";
export { BUILTIN_COMMANDS } from "./builtin-commands.js";
export type { GitRunnerOptions } from "./host-support/create-git-runner.js";
export { createGitRunner } from "./host-support/create-git-runner.js";
export { createFileCredentials } from "./host-support/create-file-credentials.js";
export type { SandboxState, SandboxStateHost } from "./host-support/sandbox-state.js";
export { sandboxStateOf } from "./host-support/sandbox-state.js";
export type { TranscriptEntry, TranscriptHeader } from "./support/render-transcript.js";
export { renderTranscript, TRANSCRIPT_RESULT_LIMIT, transcriptEntries } from "./support/render-transcript.js";
export { messageCountText } from "./text/message-count-text.js";
export { EXECUTE_PLAN_PROMPT } from "./handlers/plan.js";
export { SUMMARY_PROMPT } from "./handlers/summary.js";
export { SHARE_FORMAT, SHARE_VERSION } from "./handlers/share.js";
