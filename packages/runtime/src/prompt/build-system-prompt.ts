import { homedir } from "node:os";
import { resolve } from "node:path";
import { gitContextSnapshot, type GitContext } from "../git/git-context.js";
import { discoverInstructionFiles, renderInstructionFiles } from "./instruction-files.js";
import {
  ACTIONS_WITH_CARE_SECTION,
  DOING_TASKS_SECTION,
  INTRO_SECTION,
  PLAN_MODE_SECTION,
  SYSTEM_SECTION,
  TONE_AND_STYLE_SECTION,
  USING_TOOLS_SECTION,
} from "./prompt-sections.js";

/** A settings file the config loader looked for (`loaded: false` ones are not listed). */
export interface PromptConfigSource {
  path: string;
  scope: string;
  loaded?: boolean | undefined;
}

export interface PromptSkill {
  name: string;
  description: string;
}

export interface OutputStyle {
  name: string;
  /** How to shape replies in this style. */
  instructions: string;
}

export interface BuildSystemPromptOptions {
  cwd: string;
  model: string;
  /** Today's date; a Date is printed as YYYY-MM-DD (local time). Default: now. */
  date?: Date | string | undefined;
  /** Default `process.platform`. */
  platform?: string | undefined;
  /** Environment (HOME, SHELL); default `process.env`. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Home directory for user-level instruction files; default `env.HOME`, then the OS home. */
  home?: string | undefined;
  configSources?: readonly PromptConfigSource[] | undefined;
  /** The permission mode in force, listed under `# Runtime config`. */
  permissionMode?: string | undefined;
  planMode?: boolean | undefined;
  skills?: readonly PromptSkill[] | undefined;
  /** Appended at the very end (`--append-system-prompt`). */
  append?: string | undefined;
  /** Replaces every generated section (`--system-prompt-file`); the plan block and `append` still follow it. */
  override?: string | undefined;
  outputStyle?: OutputStyle | undefined;
  /**
   * Git facts to use instead of running git (null means "not a repository"). When absent, git runs once per cwd
   * for the life of the process (see `gitContextSnapshot`), so the prompt does not change between turns.
   */
  git?: GitContext | null | undefined;
  /** Run git again instead of reusing this process's snapshot. */
  refreshGit?: boolean | undefined;
}

function formatDate(date: Date | string | undefined): string {
  if (typeof date === "string") return date;
  const value = date ?? new Date();
  const month = String(value.getMonth() + 1).padStart(2, "0");
  const day = String(value.getDate()).padStart(2, "0");
  return `${value.getFullYear()}-${month}-${day}`;
}

/** The git line(s) of the environment section. */
export function describeGit(git: GitContext): string[] {
  const where = git.detached ? "detached HEAD" : `branch ${git.branch ?? "(unknown)"}`;
  const extras: string[] = [];
  if (git.noCommits) extras.push("no commits yet");
  if (git.upstream) extras.push(`tracking ${git.upstream}`);
  if (git.ahead > 0) extras.push(`ahead ${git.ahead}`);
  if (git.behind > 0) extras.push(`behind ${git.behind}`);
  const branchLine = `- Git: ${where}${extras.length > 0 ? ` (${extras.join(", ")})` : ""}`;
  const tree =
    git.dirtyFiles === 0
      ? "- Working tree is clean."
      : `- Working tree: ${git.dirtyFiles} changed or untracked ${git.dirtyFiles === 1 ? "file" : "files"}.`;
  return [branchLine, tree];
}

function environmentSection(options: BuildSystemPromptOptions, cwd: string, git: GitContext | undefined): string {
  const env = options.env ?? process.env;
  const lines = [
    "# Environment",
    `- Working directory: ${cwd}`,
    `- Date: ${formatDate(options.date)}`,
    `- Platform: ${options.platform ?? process.platform}`,
  ];
  if (env.SHELL) lines.push(`- Shell: ${env.SHELL}`);
  lines.push(`- Model: ${options.model}`);
  if (git) lines.push(...describeGit(git));
  return lines.join("\n");
}

function runtimeConfigSection(options: BuildSystemPromptOptions): string | undefined {
  const loaded = (options.configSources ?? []).filter((source) => source.loaded !== false);
  if (options.configSources === undefined && options.permissionMode === undefined) return undefined;
  const lines = ["# Runtime config"];
  if (loaded.length === 0) lines.push("- No settings files loaded.");
  for (const source of loaded) lines.push(`- Loaded ${source.scope} settings: ${source.path}`);
  if (options.permissionMode !== undefined) lines.push(`- Permission mode: ${options.permissionMode}`);
  return lines.join("\n");
}

function skillsSection(skills: readonly PromptSkill[] | undefined): string | undefined {
  if (!skills || skills.length === 0) return undefined;
  const lines = ["# Skills", "These skills are available. Use one when the task matches its description."];
  for (const skill of skills) lines.push(`- ${skill.name}: ${skill.description.replace(/\s+/g, " ").trim()}`);
  return lines.join("\n");
}

/**
 * Builds axion's system prompt: the fixed sections (intro, output style, system, doing tasks, care, tools, tone),
 * then the environment with git status, project instruction files, runtime config and skills, then the plan block
 * and the appended text. With `override`, the override stands in for everything before the plan block.
 */
export async function buildSystemPrompt(options: BuildSystemPromptOptions): Promise<string> {
  const sections: string[] = [];
  if (options.override !== undefined) {
    sections.push(options.override.trim());
  } else {
    const cwd = resolve(options.cwd);
    const env = options.env ?? process.env;
    const home = options.home ?? (env.HOME !== undefined && env.HOME !== "" ? env.HOME : homedir());
    const [git, files] = await Promise.all([
      options.git === undefined
        ? gitContextSnapshot(cwd, { env, refresh: options.refreshGit })
        : Promise.resolve(options.git ?? undefined),
      Promise.resolve().then(() => discoverInstructionFiles(cwd, { home })),
    ]);
    sections.push(INTRO_SECTION);
    if (options.outputStyle) {
      sections.push(`# Output Style: ${options.outputStyle.name}\n${options.outputStyle.instructions.trim()}`);
    }
    sections.push(
      SYSTEM_SECTION,
      DOING_TASKS_SECTION,
      ACTIONS_WITH_CARE_SECTION,
      USING_TOOLS_SECTION,
      TONE_AND_STYLE_SECTION,
      environmentSection(options, cwd, git),
    );
    const instructions = renderInstructionFiles(files);
    if (instructions) sections.push(instructions);
    const config = runtimeConfigSection(options);
    if (config) sections.push(config);
    const skills = skillsSection(options.skills);
    if (skills) sections.push(skills);
  }
  if (options.planMode) sections.push(PLAN_MODE_SECTION);
  if (options.append !== undefined && options.append.trim() !== "") sections.push(options.append.trim());
  return sections.filter((section) => section !== "").join("\n\n");
}
