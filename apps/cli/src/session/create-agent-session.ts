import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import {
  createProviderClient,
  estimateCost,
  formatUsd,
  getModelInfo,
  type Message,
  type ProviderClient,
} from "@axion/api";
import { loadProjectMcpJson, McpManager, parseMcpServers, type McpServersSource } from "@axion/mcp";
import {
  discoverPlugins,
  loadAgents,
  loadMarkdownCommands,
  loadSkills,
  runPluginLifecycle,
  type LoadedPlugin,
  type MarkdownCommandSet,
} from "@axion/plugins";
import {
  autoCompactThreshold,
  BackgroundTasks,
  buildSystemPrompt,
  compactMessages,
  createModelSummarizer,
  createPermissionGate,
  createToolContext,
  HookRunner,
  loadConfig,
  parsePermissionMode,
  PermissionPolicy,
  resolveConfigHome,
  runAgentTurn,
  SessionStore,
  ToolDispatcher,
  type AgentEvent,
  type LoadedConfig,
  type PermissionMode,
  type PermissionPrompter,
  type RuntimeTool,
  type SessionWriter,
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
import { selectModel } from "./select-model.js";

/** Transcripts shorter than this (about 2 000 tokens) get the heuristic summary instead of a model call. */
const MODEL_SUMMARY_MIN_CHARS = 8_000;

export interface AgentSessionOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  flags: CliFlags;
  /** Asks the user about risky tool calls; undefined when nobody can answer. */
  prompter: PermissionPrompter | undefined;
  /** Warnings (a broken plugin, an MCP server that failed) go here, one line each. */
  warn(message: string): void;
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
  readonly writer: SessionWriter;
  readonly store: SessionStore;
  /** The MCP servers of this session, when any are configured. */
  readonly mcp: McpManager | undefined;
  /** Markdown slash commands from `.axion/commands`, `.claude/commands` and plugins. */
  readonly markdownCommands: MarkdownCommandSet;
  systemPrompt(): Promise<string>;
  run(prompt: string, options: { signal: AbortSignal; onEvent?: (event: AgentEvent) => void }): Promise<TurnResult>;
  setModel(model: string): void;
  priceUsd(turn: TurnResult): string;
  close(): Promise<void>;
}

/** Composes config, provider, tools, permissions, hooks, plugins and the session file into an AgentSession. */
export async function createAgentSession(options: AgentSessionOptions): Promise<AgentSession> {
  const { cwd, env, flags } = options;
  const home = env["HOME"] ?? homedir();
  const configHome = resolveConfigHome(env, home);
  const flagSettings: Record<string, unknown> = {};
  if (flags.permissionMode !== undefined) {
    if (!parsePermissionMode(flags.permissionMode)) {
      throw new UsageError(`--permission-mode must be one of read-only, workspace-write, danger-full-access, prompt, allow; got "${flags.permissionMode}"`);
    }
    flagSettings["permissions"] = { defaultMode: flags.permissionMode };
  }
  const config = loadConfig({ cwd, env, home, configHome, flags: flagSettings });
  const settings = config.merged;

  const modelName = await selectModel({ flag: flags.model, configured: settings.model, env, configHome });
  const makeClient = (name: string): ProviderClient => createProviderClient({ model: name, env, configHome });
  let client = makeClient(modelName);

  const permissionMode: PermissionMode = parsePermissionMode(String(settings.permissions?.defaultMode ?? "workspace-write")) ?? "workspace-write";

  const discovered = discoverPlugins({ cwd, configHome, settings });
  for (const error of discovered.errors) options.warn(`plugin: ${error.message}`);
  const enabledPlugins: LoadedPlugin[] = discovered.plugins.filter((plugin) => plugin.enabled);

  const skills = loadSkills({ cwd, configHome, homeDir: home, plugins: enabledPlugins });
  const agents = loadAgents({ cwd, configHome, homeDir: home, plugins: enabledPlugins });
  const markdownCommands = loadMarkdownCommands({ cwd, configHome, homeDir: home, plugins: enabledPlugins });
  for (const error of [...skills.errors, ...agents.errors, ...markdownCommands.errors]) options.warn(error.message);
  for (const plugin of enabledPlugins) {
    if (plugin.lifecycle.init.length === 0) continue;
    const outcome = await runPluginLifecycle(plugin, "init", { env });
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
  });

  let toolsChanged = true;
  const mcp = await startMcpServers({
    cwd,
    env,
    configHome,
    settings,
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

  const store = new SessionStore({ cwd });
  let writer: SessionWriter;
  const messages: Message[] = [];
  if (flags.resume !== undefined || flags.continue) {
    const resumed = store.resume(flags.resume ?? "latest");
    writer = resumed.writer;
    messages.push(...resumed.session.messages);
  } else {
    writer = store.create({ model: client.model });
  }

  const toolEnv: Record<string, string | undefined> = { ...env, ...(settings.env ?? {}) };
  const hooks = new HookRunner({
    hooks: settings.hooks ?? {},
    extra: enabledPlugins.map((plugin) => ({ source: plugin.id, config: plugin.hooks })),
    cwd,
    sessionId: writer.id,
    transcriptPath: writer.path,
    env: toolEnv,
  });

  const gate = createPermissionGate({ policy, prompter: options.prompter, interactive: options.prompter !== undefined });
  const todos = new TodoStore();
  const background = new BackgroundTasks();

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
    writer,
    store,
    systemPrompt: () =>
      buildSystemPrompt({
        cwd,
        model: session.model,
        env,
        configSources: config.sources,
        permissionMode: session.permissionMode,
        planMode: session.planMode,
        skills: skills.list(),
        ...(flags.appendSystemPrompt !== undefined ? { append: flags.appendSystemPrompt } : {}),
        ...(flags.systemPromptFile !== undefined ? { override: readPromptFile(flags.systemPromptFile) } : {}),
      }),
    async run(prompt, runOptions) {
      policy.mode = session.permissionMode;
      const dispatcher = new ToolDispatcher({
        tools,
        cwd,
        hooks,
        permissionMode: () => session.permissionMode,
        planMode: () => session.planMode,
        permissions: gate,
        createContext: (call, signal) =>
          createToolContext({
            cwd,
            permissionMode: session.permissionMode,
            sessionId: writer.id,
            toolUseId: call.id,
            signal,
            env: toolEnv,
            services: {
              todos,
              backgroundTasks: background,
              skills,
              toolRegistry: tools,
              runSubagent,
            } satisfies BuiltinToolServices,
          }),
      });
      const info = getModelInfo(session.model);
      const threshold = autoCompactThreshold(env, info.contextWindow);
      return runAgentTurn(
        {
          client: session.client,
          systemPrompt: await session.systemPrompt(),
          tools,
          dispatcher,
          messages,
          transcript: writer,
          maxTokens: info.maxOutputTokens,
          maxTurns: flags.maxTurns ?? settings.maxTurns ?? 50,
          maxCostUsd: flags.maxCost,
          priceUsage: (usage, model) => estimateCost(usage, model).totalUsd,
          hooks,
          signal: runOptions.signal,
          onEvent: runOptions.onEvent,
          autoCompact: {
            threshold,
            compact: async (current, signal) => {
              const modelSummary = createModelSummarizer(session.client, session.model, 2_000);
              const outcome = await compactMessages(current, {
                // a short history is summarised locally: a model call would cost more than it saves
                summarize: (transcript, summarySignal) =>
                  transcript.length < MODEL_SUMMARY_MIN_CHARS ? Promise.resolve("") : modelSummary(transcript, summarySignal),
                signal,
              });
              return outcome.removedMessages > 0 ? outcome : undefined;
            },
          },
        },
        prompt,
      );
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
      await mcp?.close();
      for (const plugin of enabledPlugins) {
        if (plugin.lifecycle.shutdown.length > 0) await runPluginLifecycle(plugin, "shutdown", { env });
      }
    },
  };

  async function runSubagent(request: SubagentOptions, signal: AbortSignal): Promise<string> {
    const definition = request.subagentType ? agents.get(request.subagentType) : undefined;
    if (request.subagentType && !definition) {
      const known = agents.list().map((agent) => agent.name).join(", ") || "none";
      throw new ToolError(`unknown subagent_type "${request.subagentType}" (custom agents: ${known})`);
    }
    const childModel = request.model ?? (definition?.model !== "inherit" ? definition?.model : undefined);
    const childClient = childModel ? makeClient(childModel) : session.client;
    const childWriter = store.create({ model: childClient.model, parent: { session_id: writer.id, branch: request.description ?? "agent" } });
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
          dispatcher: new ToolDispatcher({
            tools: childTools,
            cwd,
            hooks,
            permissionMode: () => session.permissionMode,
            permissions: gate,
            createContext: (call, childSignal) =>
              createToolContext({ cwd, permissionMode: session.permissionMode, sessionId: childWriter.id, toolUseId: call.id, signal: childSignal, env: toolEnv, services: { todos, skills, toolRegistry: childTools } satisfies BuiltinToolServices }),
          }),
          messages: childMessages,
          transcript: childWriter,
          maxTokens: info.maxOutputTokens,
          maxTurns: flags.maxTurns ?? 50,
          priceUsage: (usage, model) => estimateCost(usage, model).totalUsd,
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
  env: Readonly<Record<string, string | undefined>>;
  configHome: string;
  settings: LoadedConfig["merged"];
  plugins: readonly LoadedPlugin[];
  warn(message: string): void;
  onToolsChanged(): void;
}): Promise<McpManager | undefined> {
  const sources: McpServersSource[] = [];
  for (const plugin of options.plugins) {
    if (Object.keys(plugin.mcpServers).length > 0) sources.push({ origin: `plugin ${plugin.id}`, servers: plugin.mcpServers });
  }
  const projectFile = await loadProjectMcpJson(options.cwd);
  if (projectFile) sources.push(projectFile);
  if (options.settings.mcpServers !== undefined) sources.push({ origin: "settings mcpServers", servers: options.settings.mcpServers });
  if (sources.length === 0) return undefined;
  const parsed = parseMcpServers(sources, options.env);
  for (const error of parsed.errors) options.warn(`MCP server ${error.server} (${error.origin}): ${error.message}`);
  if (parsed.servers.length === 0) return undefined;
  const manager = new McpManager({
    servers: parsed.servers,
    env: options.env,
    configHome: options.configHome,
    onToolsChanged: () => options.onToolsChanged(),
    onStatusChanged: (state) => {
      if (state.status === "failed") options.warn(`MCP server ${state.name} failed: ${state.error ?? "unknown error"}`);
    },
  });
  manager.start();
  return manager;
}

function readPromptFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`--system-prompt-file ${path}: ${(error as Error).message}`);
  }
}
