/** The `/help` groups, in the order they are shown. Markdown commands come last, as `Custom commands`. */
export const COMMAND_CATEGORIES = [
  "Core",
  "Model & Permissions",
  "Session Management",
  "Configuration",
  "Tool Management",
  "Info & Diagnostics",
  "Authentication",
  "Task & Workflow",
  "Utility",
  "Media",
] as const;

export type CommandCategory = (typeof COMMAND_CATEGORIES)[number];

export const CUSTOM_COMMAND_CATEGORY = "Custom commands";
