import type { SlashCommand } from "./command-host.js";
import { agentsCommand } from "./handlers/agents.js";
import { authModeCommand } from "./handlers/auth-mode.js";
import { branchCommand } from "./handlers/branch.js";
import { clearCommand } from "./handlers/clear.js";
import { commitCommand } from "./handlers/commit.js";
import { compactCommand } from "./handlers/compact.js";
import { configCommand } from "./handlers/config.js";
import { contextCommand } from "./handlers/context.js";
import { copyCommand } from "./handlers/copy.js";
import { costCommand } from "./handlers/cost.js";
import { diffCommand } from "./handlers/diff.js";
import { doctorCommand } from "./handlers/doctor.js";
import { exportCommand } from "./handlers/export.js";
import { filesCommand } from "./handlers/files.js";
import { hooksCommand } from "./handlers/hooks.js";
import { imageCommand } from "./handlers/image.js";
import { initProjectCommand } from "./handlers/init-project.js";
import { initCommand } from "./handlers/init.js";
import { loginCommand } from "./handlers/login.js";
import { logoutCommand } from "./handlers/logout.js";
import { mcpCommand } from "./handlers/mcp.js";
import { memoryCommand } from "./handlers/memory.js";
import { modelCommand } from "./handlers/model.js";
import { modelsCommand } from "./handlers/models.js";
import { permissionsCommand } from "./handlers/permissions.js";
import { planCommand } from "./handlers/plan.js";
import { pluginsCommand } from "./handlers/plugins.js";
import { quitCommand } from "./handlers/quit.js";
import { renameCommand } from "./handlers/rename.js";
import { resumeCommand } from "./handlers/resume.js";
import { reviewCommand } from "./handlers/review.js";
import { sandboxCommand } from "./handlers/sandbox.js";
import { securityReviewCommand } from "./handlers/security-review.js";
import { sessionCommand } from "./handlers/session.js";
import { shareCommand } from "./handlers/share.js";
import { skillsCommand } from "./handlers/skills.js";
import { statsCommand } from "./handlers/stats.js";
import { statusCommand } from "./handlers/status.js";
import { summaryCommand } from "./handlers/summary.js";
import { testCommand } from "./handlers/test.js";
import { undoCommand } from "./handlers/undo.js";
import { versionCommand } from "./handlers/version.js";

/**
 * The built-in commands except `/help`, which `createCommandRegistry` adds because it lists the registry.
 * With `/help` that makes 43 commands; the aliases are `/exit`, `/q`, `/scaffold` and `/auth`.
 */
export const BUILTIN_COMMANDS: readonly SlashCommand[] = [
  quitCommand,
  clearCommand,
  compactCommand,
  costCommand,
  statusCommand,
  contextCommand,
  modelCommand,
  modelsCommand,
  permissionsCommand,
  planCommand,
  sessionCommand,
  resumeCommand,
  exportCommand,
  shareCommand,
  renameCommand,
  configCommand,
  initCommand,
  memoryCommand,
  hooksCommand,
  sandboxCommand,
  mcpCommand,
  pluginsCommand,
  agentsCommand,
  skillsCommand,
  versionCommand,
  doctorCommand,
  statsCommand,
  filesCommand,
  loginCommand,
  logoutCommand,
  authModeCommand,
  reviewCommand,
  testCommand,
  initProjectCommand,
  securityReviewCommand,
  summaryCommand,
  commitCommand,
  undoCommand,
  diffCommand,
  branchCommand,
  copyCommand,
  imageCommand,
];
