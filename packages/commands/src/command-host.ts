import type { Message, ProviderName, Usage } from "@axion/api";
import type { McpServerState, McpToolInfo } from "@axion/mcp";
import type { AgentCatalog, PluginManager, SkillCatalog } from "@axion/plugins";
import type { LoadedConfig, PermissionMode, SessionStore, ToolRegistry } from "@axion/runtime";

/** What a manual compaction did. `removedMessages` is 0 when there was nothing to compact. */
export interface CompactionSummary {
  removedMessages: number;
  beforeTokens: number;
  afterTokens: number;
  /** True when a summary was made but not applied: it would not have made the conversation smaller. */
  notSmaller?: boolean | undefined;
}

/**
 * The live conversation, as the CLI holds it. Reads always reflect the current session (after `switchTo`,
 * `newSession` or `fork` they describe the new one).
 */
export interface CommandSession {
  readonly id: string;
  /** The session file. */
  readonly path: string;
  /** The wire model name (aliases resolved). */
  readonly model: string;
  /** The provider the model is sent to (`anthropic`, `openai`, …). */
  readonly provider: string;
  readonly permissionMode: PermissionMode;
  readonly planMode: boolean;
  /** The conversation sent with the next turn; `/clear` and `/compact` change it through the methods below. */
  readonly messages: Message[];
  /** Tokens of every model call of this session. */
  readonly usage: Usage;
  readonly costUsd: number;
  /** Model calls so far. */
  readonly turns: number;
  readonly compactions: number;
  /**
   * Switches the model and rebuilds the provider client, so a switch across providers (Anthropic → OpenAI) sends
   * the next turn to the new provider. Throws (and keeps the old model) when the new provider has no credentials.
   */
  setModel(name: string): void;
  setPermissionMode(mode: PermissionMode): void;
  setPlanMode(on: boolean): void;
  /** Compacts now; with `maxTokens`, only when the estimated size is at least that many tokens. */
  compact(options?: { maxTokens?: number | undefined }): Promise<CompactionSummary>;
  /** Empties the conversation. */
  clear(): void;
  /** Copies the session into a new one and continues there; returns the new id. */
  fork(branch?: string): string;
  /** Continues the session at `ref` (a path from `store.resolve`, an id, or `latest`). */
  switchTo(ref: string): void;
  /** Renames the session (its id and file name). */
  rename(name: string): void;
  /** Starts a new, empty session. */
  newSession(): void;
  /** The policy's account of how a call of `toolName` with `input` would be decided (`PermissionPolicy.explain`). */
  explainPermission(toolName: string, input: unknown): Promise<string>;
}

/** Saves and removes API keys (`createFileCredentials` implements it with `@axion/api`'s key files). */
export interface CommandCredentials {
  /** Saves the key; returns the file written. */
  login(provider: ProviderName, apiKey: string): string;
  /** Removes the saved key; false when there was none. */
  logout(provider: ProviderName): boolean;
}

export interface GitRunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs git in the workspace (`createGitRunner` runs the real binary). */
export interface CommandGit {
  run(args: readonly string[]): Promise<GitRunResult>;
}

/** The MCP servers of the session; `McpManager` fits as it is. */
export interface CommandMcp {
  status(): McpServerState[];
  tools(): McpToolInfo[];
}

/** The plugin operations the commands use; `PluginManager` fits as it is. */
export type CommandPlugins = Pick<PluginManager, "list" | "install" | "enable" | "disable" | "uninstall">;

/** Everything a command may touch. The CLI implements it over its live session. */
export interface CommandHost {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** axion's config home (`~/.axion` or `AXION_CONFIG_HOME`). */
  configHome: string;
  /** The CLI's version, for `/version` and `/doctor`. */
  version: string;
  session: CommandSession;
  store: SessionStore;
  config: LoadedConfig;
  tools: ToolRegistry;
  /** Absent when the session has no MCP servers configured. */
  mcp?: CommandMcp | undefined;
  plugins: CommandPlugins;
  skills: SkillCatalog;
  agents: AgentCatalog;
  credentials: CommandCredentials;
  git: CommandGit;
  /** Copies text to the system clipboard; resolves false when no clipboard is available. */
  clipboard?: ((text: string) => Promise<boolean>) | undefined;
  /** Attaches an image file to the next user turn. */
  attachImage?: ((path: string) => Promise<void>) | undefined;
  /** Asks for a secret without echoing it (used by `/login` when no key is typed). */
  readSecret?: ((prompt: string) => Promise<string | undefined>) | undefined;
}

/** What a command hands back to the CLI. Text is plain (no ANSI); the CLI colours it. */
export interface CommandResult {
  output?: string;
  /** Sent as a user turn right away. */
  runPrompt?: string;
  /** The prompt came from a file the user wrote (a markdown command): its `@path` references are expanded. */
  expandFileReferences?: boolean;
  /** Leave the REPL. */
  exit?: boolean;
  /** One line a person can act on. */
  error?: string;
}

export interface SlashCommand {
  /** Without the slash. */
  name: string;
  aliases?: readonly string[];
  /** The `/help` group. */
  category: string;
  summary: string;
  /** The argument part of the usage line, e.g. `[name]` or `<file> [runner]`. */
  usage?: string;
  /** More lines for `/help <name>` (subcommands, examples). */
  details?: string;
  argumentCompletions?(args: string, host: CommandHost): string[];
  run(args: string, host: CommandHost): Promise<CommandResult>;
}
