import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import {
  createProviderClient,
  estimateCost,
  formatUsd,
  getModelInfo,
  resolveModel,
  emptyUsage,
  type ContentBlock,
  type Message,
  type ProviderClient,
  type RetryInfo,
  type Usage,
} from "@axion/api";
import { loadProjectMcpJson, McpManager, parseMcpServers, type McpServersSource } from "@axion/mcp";
import {
  discoverPlugins,
  loadAgents,
  loadMarkdownCommands,
  loadSkills,
  runPluginLifecycle,
  type LoadedPlugin,
  type AgentCatalog,
  type MarkdownCommandSet,
  type SkillCatalog,
} from "@axion/plugins";
import {
  absolutePath,
  autoCompactThreshold,
  BackgroundTasks,
  childProcessEnv,
  collectSecretValues,
  SecretRedactor,
  TurnBudget,
  buildSystemPrompt,
  compactMessages,
  createModelSummarizer,
  estimateTokens,
  resolvePermissions,
  createToolContext,
  HookRunner,
  loadConfig,
  parsePermissionMode,
  PermissionPolicy,
  closeWithProcessTrees,
  releaseProcess,
  resolveConfigHome,
  runAgentTurn,
  sandboxFor,
  type SandboxSpec,
  SessionError,
  SessionStore,
  takeDanglingPrompt,
  ToolDispatcher,
  trackProcess,
  type ResumedSession,
  type AgentEvent,
  type LoadedConfig,
  type PermissionGate,
  type PermissionMode,
  type PermissionPrompter,
  type RuntimeTool,
  type ToolRegistry,
  type TurnResult,
  ToolError,
} from "@axion/runtime";
import {
  builtinTools,
  createToolRegistry,
  listMcpResourcesTool,
  mcpToolsFor,
  pluginToolsFor,
  readMcpResourceTool,
  TodoStore, type BuiltinToolServices, type SubagentOptions } from "@axion/tools";
import { UsageError, type CliFlags } from "../cli-flags.js";
import { JsonlFileSink } from "@axion/telemetry";
import { DeferredSessionWriter } from "./deferred-session-writer.js";
import { resumeWhenFree } from "./resume-when-free.js";
import { startupProfile } from "../startup-profile.js";
import { DEFAULT_MODEL, NoProviderError, selectModel } from "./select-model.js";
import { resolveTrust } from "../trust/resolve-trust.js";
import { untrustedExtensions } from "../trust/untrusted-extensions.js";
import { untrustedNotice } from "../trust/untrusted-notice.js";

let sandboxWarningShown = false;

/** Says once per process that commands run without the sandbox although it is enabled. */
function warnSandboxUnavailable(reason: string, warn: (message: string) => void): void {
  if (sandboxWarningShown) return;
  sandboxWarningShown = true;
  warn(`sandbox unavailable (${reason}); commands run without it, under the permission rules only`);
}

/** Transcripts shorter than this (about 2 000 tokens) get the heuristic summary instead of a model call. */
const MODEL_SUMMARY_MIN_CHARS = 8_000;

/** The summary request must fit the model's own window: the transcript gets what is left after the reply (2 000). */
function summaryTranscriptChars(model: string): number {
  return Math.max(MODEL_SUMMARY_MIN_CHARS, Math.min(300_000, (getModelInfo(model).contextWindow - 4_000) * 3));
}

export interface AgentSessionOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  flags: CliFlags;
  /** Asks the user about risky tool calls; undefined when nobody can answer. */
  prompter: PermissionPrompter | undefined;
  /** Warnings (a broken plugin, an MCP server that failed) go here, one line each. */
  warn(message: string): void;
  /** The one line saying what an untrusted folder's project did not load (default: `warn`). */
  notice?: ((line: string) => void) | undefined;
  /**
   * For commands that inspect rather than talk to a model (`axion status`, `doctor`, `config`…): a missing
   * provider is not an error; the client reports it only if it is used.
   */
  offline?: boolean | undefined;
  /** Told about each wait before the provider client retries (a 529, a 429 with retry-after, a stream cut early). */
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /** The redactor the caller already prints through (its credentials are read once); built here when absent. */
  redactor?: SecretRedactor | undefined;
}

/** One conversation with everything it needs; the one-shot mode and the REPL both drive it. */
export interface AgentSession {
  readonly id: string;
  readonly cwd: string;
  readonly config: LoadedConfig;
  readonly messages: Message[];
  model: string;
  client: ProviderClient;
  permissionMode: PermissionMode;
  planMode: boolean;
  readonly tools: ToolRegistry;
  readonly writer: DeferredSessionWriter;
  readonly store: SessionStore;
  /** Asks about risky tool calls; the REPL swaps in its own. Undefined: nobody can answer, so asks are denied. */
  prompter: PermissionPrompter | undefined;
  /** Tokens, cost and model calls of the whole session (resumed history included). */
  readonly usage: Usage;
  readonly costUsd: number;
  readonly turns: number;
  readonly compactions: number;
  readonly skills: SkillCatalog;
  readonly agents: AgentCatalog;
  readonly policy: PermissionPolicy;
  /** Replaces known secret values (provider keys, saved credentials) in anything written or printed. */
  readonly redactor: SecretRedactor;
  setPermissionMode(mode: PermissionMode): void;
  /** Compacts now; with `maxTokens`, only when the estimate is at least that. */
  compact(options?: { maxTokens?: number | undefined; signal?: AbortSignal | undefined }): Promise<{ removedMessages: number; beforeTokens: number; afterTokens: number; notSmaller?: boolean | undefined }>;
  /** Starts a new, empty session file (the old one stays on disk). */
  newSession(): void;
  /** Continues the session `ref` (id, prefix, path or `latest`). */
  switchTo(ref: string): void;
  /** Copies this session into a new one and continues there; returns the new id. */
  fork(branch?: string): string;
  rename(name: string): void;
  explainPermission(toolName: string, input: unknown): Promise<string>;
  /** The MCP servers of this session, when any are configured. */
  readonly mcp: McpManager | undefined;
  /** Markdown slash commands from `.axion/commands`, `.claude/commands` and plugins. */
  readonly markdownCommands: MarkdownCommandSet;
  systemPrompt(): Promise<string>;
  /** One user turn; the prompt may carry image blocks before its text. */
  run(prompt: string | ContentBlock[], options: { signal: AbortSignal; onEvent?: (event: AgentEvent) => void }): Promise<TurnResult>;
  setModel(model: string): void;
  priceUsd(turn: TurnResult): string;
  close(): Promise<void>;
}

/** Composes config, provider, tools, permissions, hooks, plugins and the session file into an AgentSession. */
export async function createAgentSession(options: AgentSessionOptions): Promise<AgentSession> {
  const { cwd, env, flags } = options;
  const home = env["HOME"] ?? homedir();
  const configHome = resolveConfigHome(env, home);
  const redactor = options.redactor ?? new SecretRedactor(collectSecretValues({ env, configHome }));
  const flagSettings: Record<string, unknown> = {};
  if (flags.permissionMode !== undefined) {
    if (!parsePermissionMode(flags.permissionMode)) {
      throw new UsageError(`--permission-mode must be one of read-only, workspace-write, danger-full-access, prompt, allow; got "${flags.permissionMode}"`);
    }
    flagSettings["permissions"] = { defaultMode: flags.permissionMode };
  }
  // nothing the project carries runs or grants until the folder is trusted (axion trust, the flag, Claude Code's record)
  const trust = resolveTrust({ cwd, home, configHome, flag: flags.trustWorkspace, warn: options.warn });
  const config = loadConfig({ cwd, env, home, configHome, flags: flagSettings, trusted: trust.trusted });
  startupProfile.mark("config_loaded");
  const settings = config.merged;
  // what child processes (tools, hooks, MCP servers, plugins) see: no provider credentials unless settings env names them
  const childEnv = childProcessEnv(env, settings.env);

  let modelName: string;
  try {
    modelName = await selectModel({ flag: flags.model, configured: settings.model, env, configHome, probeOllama: !options.offline });
  } catch (error) {
    if (!options.offline || !(error instanceof NoProviderError)) throw error;
    modelName = DEFAULT_MODEL;
  }
  // AXION_TELEMETRY_FILE: HTTP and session events as JSON lines (secrets redacted), for debugging a provider
  const telemetryPath = env["AXION_TELEMETRY_FILE"];
  const telemetry = telemetryPath ? new JsonlFileSink({ path: telemetryPath }) : undefined;
  const makeClient = (name: string): ProviderClient =>
    createProviderClient({ model: name, env, configHome, ...(telemetry ? { telemetry } : {}), onRetry: (info) => options.onRetry?.(info) });
  let client: ProviderClient;
  try {
    client = makeClient(modelName);
  } catch (error) {
    if (!options.offline) throw error;
    client = unavailableClient(modelName, error);
  }

  const permissionMode: PermissionMode = parsePermissionMode(String(settings.permissions?.defaultMode ?? "workspace-write")) ?? "workspace-write";

  const discovered = discoverPlugins({ cwd, configHome, settings });
  for (const error of discovered.errors) options.warn(`plugin: ${error.message}`);
  // an untrusted folder's own plugins (.axion/plugins) do not load; the user's (installed, external) do
  const enabledPlugins: LoadedPlugin[] = discovered.plugins.filter((plugin) => plugin.enabled && (trust.trusted || plugin.source !== "project"));
  if (!trust.trusted) {
    const line = untrustedNotice(await untrustedExtensions({ cwd, configHome, home, config, plugins: discovered.plugins }));
    if (line !== undefined) (options.notice ?? options.warn)(line);
  }

  startupProfile.mark("plugins_discovered");
  const skills = loadSkills({ cwd, configHome, homeDir: home, plugins: enabledPlugins });
  const agents = loadAgents({ cwd, configHome, homeDir: home, plugins: enabledPlugins });
  const markdownCommands = loadMarkdownCommands({ cwd, configHome, homeDir: home, plugins: enabledPlugins });
  for (const error of [...skills.errors, ...agents.errors, ...markdownCommands.errors]) options.warn(error.message);
  for (const plugin of options.offline ? [] : enabledPlugins) {
    if (plugin.lifecycle.init.length === 0) continue;
    const outcome = await runPluginLifecycle(plugin, "init", { env: childEnv });
    if (!outcome.ok) options.warn(`plugin ${plugin.id}: init command failed`);
  }

  const policy = new PermissionPolicy({
    mode: permissionMode,
    cwd,
    home,
    allow: config.permissionRules.allow,
    deny: [...config.permissionRules.deny],
    ask: config.permissionRules.ask,
    allowedTools: flags.allowedTools,
    disallowedTools: flags.disallowedTools,
    // read-only mode runs Bash in the read-only sandbox instead of refusing it, when the sandbox can run
    bashSandbox: () => commandSandbox()?.mode,
  });

  let toolsChanged = true;
  startupProfile.mark("extensions_loaded");
  const mcp = options.offline ? undefined : await startMcpServers({
    cwd,
    env,
    childEnv,
    configHome,
    settings,
    trusted: trust.trusted,
    plugins: enabledPlugins,
    warn: options.warn,
    onToolsChanged: () => {
      toolsChanged = true;
    },
  });

  // --allowedTools restricts the tool set and --disallowedTools removes whole tools: neither is advertised.
  // MCP tools join as their servers become ready, so the registry is rebuilt when they change.
  const staticTools: RuntimeTool[] = [...builtinTools(), ...pluginToolsFor(enabledPlugins)];
  const mcpResourceTools: RuntimeTool[] = mcp ? [listMcpResourcesTool(mcp), readMcpResourceTool(mcp)] : [];
  const buildRegistry = (): ToolRegistry =>
    createToolRegistry([...staticTools, ...(mcp ? mcpToolsFor(mcp) : []), ...mcpResourceTools].filter((tool) => policy.isToolAvailable(tool.name)));
  let currentTools = buildRegistry();
  const latestTools = (): ToolRegistry => {
    if (toolsChanged) {
      toolsChanged = false;
      currentTools = buildRegistry();
    }
    return currentTools;
  };
  const tools: ToolRegistry = {
    list: () => latestTools().list(),
    get: (name) => latestTools().get(name),
  };

  const store = new SessionStore({ cwd, ...(telemetry ? { telemetry } : {}), redact: (line) => redactor.redact(line) });
  let writer: DeferredSessionWriter;
  const messages: Message[] = [];
  let usage: Usage = emptyUsage();
  let costUsd = 0;
  let turns = 0;
  let compactions = 0;
  // resuming takes the session's lock (one writer per session) and records what an unclean exit left (repairs)
  const continueFrom = (ref: string, resumed: ResumedSession = store.resume(ref)): void => {
    for (const note of resumed.notes) (options.notice ?? options.warn)(`axion: ${note}`);
    writer = new DeferredSessionWriter(store, () => session.model, resumed.writer);
    messages.splice(0, messages.length, ...resumed.session.messages);
    usage = { ...resumed.session.usage };
    costUsd = resumed.session.costUsd;
    turns = resumed.session.modelCalls;
    compactions = resumed.session.compactions;
  };
  /** A new, empty session; with `keepSpend` (`/clear`) the tokens and cost so far stay counted: they were spent. */
  const startFresh = (keepSpend = false): void => {
    writer = new DeferredSessionWriter(store, () => session.model);
    messages.length = 0;
    if (!keepSpend) {
      usage = emptyUsage();
      costUsd = 0;
    }
    turns = 0;
    compactions = 0;
  };
  if (flags.resume !== undefined || flags.continue) {
    const ref = flags.resume ?? "latest";
    try {
      // --fork-session continues in a copy; --wait waits while another axion writes the session; else a locked one is refused
      if (flags.forkSession) continueFrom(store.fork(ref));
      else if (flags.waitForSession) continueFrom(ref, await resumeWhenFree(store, ref, (line) => (options.notice ?? options.warn)(line)));
      else continueFrom(ref);
    } catch (error) {
      await mcp?.close();
      if (SessionError.isInstance(error) && error.code === "session_locked" && !flags.waitForSession) {
        throw new SessionError(`${error.message}; wait for it with --wait, or continue in a copy with --fork-session`, "session_locked");
      }
      throw error;
    }
  } else startFresh();

  const toolEnv = childEnv;
  const makeHooks = (): HookRunner =>
    new HookRunner({
      hooks: settings.hooks ?? {},
      extra: enabledPlugins.map((plugin) => ({ source: plugin.id, config: plugin.hooks })),
      cwd,
      sessionId: writer.id,
      transcriptPath: writer.path,
      env: toolEnv,
    });
  let hooks = makeHooks();
  const switchWriter = (change: () => void): void => {
    writer.close();
    change();
    hooks = makeHooks();
  };

  // SessionStart hooks run once; what they print as additional context joins the system prompt
  const sessionContext: string[] = [];
  if (!options.offline && hooks.matching("SessionStart").length > 0) {
    const started = await hooks.run("SessionStart", { source: flags.resume !== undefined || flags.continue ? "resume" : "startup" });
    sessionContext.push(...started.additionalContext);
    for (const warning of started.warnings) options.warn(warning);
  }
  const appendedPrompt = (): string | undefined => {
    const parts = [...(flags.appendSystemPrompt !== undefined ? [flags.appendSystemPrompt] : []), ...sessionContext].filter((part) => part.trim() !== "");
    return parts.length > 0 ? parts.join("\n\n") : undefined;
  };

  const gate: PermissionGate = {
    check: (request, checkOptions) =>
      resolvePermissions(request, policy, session.prompter, session.prompter !== undefined, checkOptions),
  };
  const modelSummarizer = (): ((transcript: string, signal: AbortSignal) => Promise<string>) => {
    const summarize = createModelSummarizer(session.client, session.model, 2_000);
    // a short history is summarised locally: a model call would cost more than it saves
    return (transcript, signal) => (transcript.length < MODEL_SUMMARY_MIN_CHARS ? Promise.resolve("") : summarize(transcript, signal));
  };
  const todos = new TodoStore();
  /** The budget of the turn in progress; sub-agents started by it share it. */
  let currentBudget: TurnBudget | undefined;
  // Bash (and its background commands) run under bubblewrap; the sandbox follows the session's mode as it changes
  const commandSandbox = (): SandboxSpec | undefined => {
    const decision = sandboxFor({ mode: session.permissionMode, settings: settings.sandbox, workspace: cwd, env, home, configHome });
    if (decision.status.state === "unavailable") warnSandboxUnavailable(decision.status.reason, options.warn);
    return decision.spec;
  };
  const background = new BackgroundTasks({ sandbox: commandSandbox });

  const session: AgentSession = {
    get id() {
      return writer.id;
    },
    cwd,
    config,
    messages,
    model: client.model,
    client,
    permissionMode,
    planMode: false,
    tools,
    get writer() {
      return writer;
    },
    store,
    prompter: options.prompter,
    get usage() {
      return usage;
    },
    get costUsd() {
      return costUsd;
    },
    get turns() {
      return turns;
    },
    get compactions() {
      return compactions;
    },
    skills,
    agents,
    policy,
    redactor,
    setPermissionMode(mode) {
      session.permissionMode = mode;
      policy.mode = mode;
    },
    async compact(compactOptions = {}) {
      const beforeTokens = estimateTokens(messages);
      if (compactOptions.maxTokens !== undefined && beforeTokens < compactOptions.maxTokens) {
        return { removedMessages: 0, beforeTokens, afterTokens: beforeTokens };
      }
      const outcome = await compactMessages(messages, {
        summarize: modelSummarizer(),
        maxTranscriptChars: summaryTranscriptChars(session.model),
        signal: compactOptions.signal ?? new AbortController().signal,
      });
      if (outcome.notSmaller) return { removedMessages: 0, beforeTokens, afterTokens: beforeTokens, notSmaller: true };
      if (outcome.removedMessages > 0) {
        messages.splice(0, messages.length, ...outcome.messages);
        writer.appendCompaction({ summary: outcome.summary, removedMessages: outcome.removedMessages, keptMessages: outcome.messages.length });
        compactions += 1;
      }
      return { removedMessages: outcome.removedMessages, beforeTokens, afterTokens: estimateTokens(messages) };
    },
    newSession() {
      switchWriter(() => startFresh(true));
    },
    switchTo(ref) {
      const path = store.resolve(ref);
      switchWriter(() => continueFrom(path));
    },
    fork(branch) {
      if (!writer.created) throw new UsageError("nothing to fork yet: this session has no messages");
      const id = store.fork(writer.id, branch);
      switchWriter(() => continueFrom(id));
      return id;
    },
    rename(name) {
      writer.rename(name);
    },
    explainPermission(toolName, input) {
      // the request the dispatcher builds (subject and touched paths); input too partial for them falls back to its fields
      const tool = tools.get(toolName);
      const attempt = <T,>(read: () => T): T | undefined => {
        try {
          return read();
        } catch {
          return undefined;
        }
      };
      const touched = attempt(() => tool?.touchedPaths?.(input));
      return policy.explain({
        toolName,
        requiredPermission: tool?.requiredPermission ?? "workspace-write",
        input,
        subject: attempt(() => tool?.permissionSubject?.(input)),
        paths: touched?.map((entry) => absolutePath(cwd, entry.path)),
      });
    },
    systemPrompt: () =>
      buildSystemPrompt({
        cwd,
        model: session.model,
        env,
        configSources: config.sources,
        permissionMode: session.permissionMode,
        planMode: session.planMode,
        skills: skills.list(),
        ...(appendedPrompt() !== undefined ? { append: appendedPrompt() } : {}),
        ...(flags.systemPromptFile !== undefined ? { override: readPromptFile(flags.systemPromptFile) } : {}),
      }),
    async run(prompt, runOptions) {
      policy.mode = session.permissionMode;
      const budget = new TurnBudget();
      currentBudget = budget;
      const dispatcher = makeDispatcher(tools, () => writer.id, {
        todos,
        backgroundTasks: background,
        skills,
        toolRegistry: tools,
        runSubagent,
        // WebFetch refuses loopback and private addresses unless the user opts in (local dev servers)
        webFetchAllowPrivate: env["AXION_WEB_FETCH_ALLOW_PRIVATE"] === "1",
      });
      const systemPrompt = await session.systemPrompt();
      startupProfile.mark("system_prompt_built");
      const info = getModelInfo(session.model);
      const threshold = autoCompactThreshold(env, info.contextWindow);
      const result = await runAgentTurn(
        {
          client: session.client,
          systemPrompt,
          tools,
          dispatcher,
          messages,
          transcript: writer,
          maxTokens: info.maxOutputTokens,
          ...turnLimits(budget),
          hooks,
          signal: runOptions.signal,
          onEvent: runOptions.onEvent,
          autoCompact: {
            threshold,
            contextWindow: info.contextWindow,
            compact: async (current, signal) => {
              const outcome = await compactMessages(current, { summarize: modelSummarizer(), maxTranscriptChars: summaryTranscriptChars(session.model), signal });
              return outcome.removedMessages > 0 ? outcome : undefined;
            },
          },
        },
        // prompts left unanswered at the end (an unclean exit, a failed turn) are sent once, with this one
        takeDanglingPrompt(messages, writer.created, prompt),
      );
      currentBudget = undefined;
      // sub-agents share the budget: their calls and spend are part of this turn's totals
      result.costUsd = budget.costUsd;
      result.usage = { ...budget.usage };
      turns += result.iterations;
      costUsd += result.costUsd;
      usage = addUsage(usage, result.usage);
      if (result.autoCompaction) compactions += 1;
      return result;
    },
    setModel(model: string) {
      client = makeClient(model);
      session.client = client;
      session.model = client.model;
    },
    priceUsd(turn) {
      return formatUsd(turn.costUsd);
    },
    mcp,
    markdownCommands,
    async close() {
      writer.close();
      background.killAll();
      // a stdio MCP server is closed, and what it started itself goes with it
      await closeWithProcessTrees(async () => {
        await mcp?.close();
      });
      for (const plugin of options.offline ? [] : enabledPlugins) {
        if (plugin.lifecycle.shutdown.length > 0) await runPluginLifecycle(plugin, "shutdown", { env: childEnv });
      }
    },
  };

  /**
   * The dispatcher of a turn, the same for the session and its sub-agents: one gate (mode, rules, trust, sandbox),
   * the same hooks, plan mode and redaction, so a sub-agent can do nothing its parent could not.
   */
  function makeDispatcher(registry: ToolRegistry, sessionId: () => string, services: BuiltinToolServices): ToolDispatcher {
    return new ToolDispatcher({
      tools: registry,
      cwd,
      hooks,
      permissionMode: () => session.permissionMode,
      planMode: () => session.planMode,
      permissions: gate,
      redact: (text) => redactor.redact(text),
      createContext: (call, signal) =>
        createToolContext({
          cwd,
          permissionMode: session.permissionMode,
          sessionId: sessionId(),
          toolUseId: call.id,
          signal,
          env: toolEnv,
          services: { ...services },
          sandbox: commandSandbox,
          isPathDenied: (path, tool) => policy.deniesPath(tool, path),
        }),
    });
  }

  /** The limits of a turn: a sub-agent gets its parent's budget, so they bound the parent and its children together. */
  function turnLimits(budget: TurnBudget) {
    return {
      maxTurns: flags.maxTurns ?? settings.maxTurns ?? 50,
      maxCostUsd: flags.maxCost,
      priceUsage: (usage: Usage, model: string) => estimateCost(usage, model).totalUsd,
      budget,
    };
  }

  async function runSubagent(request: SubagentOptions, signal: AbortSignal): Promise<string> {
    const definition = request.subagentType ? agents.get(request.subagentType) : undefined;
    if (request.subagentType && !definition) {
      const known = agents.list().map((agent) => agent.name).join(", ") || "none";
      throw new ToolError(`unknown subagent_type "${request.subagentType}" (custom agents: ${known})`);
    }
    const childModel = request.model ?? (definition?.model !== "inherit" ? definition?.model : undefined);
    const childClient = childModel ? makeClient(childModel) : session.client;
    const childWriter = store.create({ model: childClient.model, parent: { session_id: writer.id, branch: request.description || "agent" } });
    const childTools = createToolRegistry(
      tools.list().filter((tool) => tool.name !== "Agent" && (!definition?.tools || definition.tools.includes(tool.name))),
    );
    const childMessages: Message[] = [];
    try {
      const info = getModelInfo(childClient.model);
      const result = await runAgentTurn(
        {
          client: childClient,
          systemPrompt: definition?.systemPrompt ? `${await session.systemPrompt()}\n\n${definition.systemPrompt}` : await session.systemPrompt(),
          tools: childTools,
          dispatcher: makeDispatcher(childTools, () => childWriter.id, { todos, skills, toolRegistry: childTools }),
          messages: childMessages,
          transcript: {
            appendMessage: (message, extra) => childWriter.appendMessage(message, extra),
            appendCompaction: (record) => childWriter.appendCompaction(record),
            // the child's spend is the parent session's spend too: a resumed parent still counts it
            appendUsage: (record) => {
              childWriter.appendUsage(record);
              writer.appendUsage(record);
            },
          },
          maxTokens: info.maxOutputTokens,
          ...turnLimits(currentBudget ?? new TurnBudget()),
          signal,
        },
        request.prompt,
      );
      return result.message || result.stopMessage;
    } finally {
      childWriter.close();
    }
  }

  return session;
}

/**
 * Starts the configured MCP servers in the background: settings `mcpServers`, the project's `.mcp.json`
 * and enabled plugins' servers. A malformed entry is reported and the others still start.
 */
async function startMcpServers(options: {
  cwd: string;
  /** For `${VAR}` in server entries: a credential the user names there is an explicit choice. */
  env: Readonly<Record<string, string | undefined>>;
  /** What the server processes inherit. */
  childEnv: Readonly<Record<string, string | undefined>>;
  configHome: string;
  settings: LoadedConfig["merged"];
  /** False: the project's `.mcp.json` is not loaded. */
  trusted: boolean;
  plugins: readonly LoadedPlugin[];
  warn(message: string): void;
  onToolsChanged(): void;
}): Promise<McpManager | undefined> {
  const sources: McpServersSource[] = [];
  for (const plugin of options.plugins) {
    if (Object.keys(plugin.mcpServers).length > 0) sources.push({ origin: `plugin ${plugin.id}`, servers: plugin.mcpServers });
  }
  const projectFile = options.trusted ? await loadProjectMcpJson(options.cwd) : undefined;
  if (projectFile) sources.push(projectFile);
  if (options.settings.mcpServers !== undefined) sources.push({ origin: "settings mcpServers", servers: options.settings.mcpServers });
  if (sources.length === 0) return undefined;
  const parsed = parseMcpServers(sources, options.env);
  for (const error of parsed.errors) options.warn(`MCP server ${error.server} (${error.origin}): ${error.message}`);
  if (parsed.servers.length === 0) return undefined;
  const manager = new McpManager({
    servers: parsed.servers,
    env: options.childEnv,
    configHome: options.configHome,
    onToolsChanged: () => options.onToolsChanged(),
    onStatusChanged: (state) => {
      if (state.status === "failed") options.warn(`MCP server ${state.name} failed: ${state.error ?? "unknown error"}`);
    },
    // a stdio server dies with axion even when axion is killed (the watchdog of process-reaper)
    onServerProcess: (pid) => {
      trackProcess(pid);
      return () => releaseProcess(pid);
    },
  });
  manager.start();
  return manager;
}

/** A client for a model whose provider has no credentials: it fails with the original error when used. */
function unavailableClient(model: string, error: unknown): ProviderClient {
  const resolved = resolveModel(model);
  return {
    provider: resolved.provider,
    model: resolved.model,
    stream: () => ({
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(error),
      }),
    }),
    send: () => Promise.reject(error),
  };
}

function addUsage(total: Usage, more: Usage): Usage {
  return {
    input_tokens: total.input_tokens + more.input_tokens,
    output_tokens: total.output_tokens + more.output_tokens,
    cache_creation_input_tokens: total.cache_creation_input_tokens + more.cache_creation_input_tokens,
    cache_read_input_tokens: total.cache_read_input_tokens + more.cache_read_input_tokens,
  };
}

function readPromptFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`--system-prompt-file ${path}: ${(error as Error).message}`);
  }
}
