import type { SlashCommand } from "./command-host.js";
import { clearCommand } from "./handlers/clear.js";
import { compactCommand } from "./handlers/compact.js";
import { contextCommand } from "./handlers/context.js";
import { costCommand } from "./handlers/cost.js";
import { exportCommand } from "./handlers/export.js";
import { filesCommand } from "./handlers/files.js";
import { modelCommand } from "./handlers/model.js";
import { modelsCommand } from "./handlers/models.js";
import { permissionsCommand } from "./handlers/permissions.js";
import { planCommand } from "./handlers/plan.js";
import { quitCommand } from "./handlers/quit.js";
import { renameCommand } from "./handlers/rename.js";
import { resumeCommand } from "./handlers/resume.js";
import { sessionCommand } from "./handlers/session.js";
import { shareCommand } from "./handlers/share.js";
import { statsCommand } from "./handlers/stats.js";
import { statusCommand } from "./handlers/status.js";

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
  statsCommand,
  filesCommand,
];
