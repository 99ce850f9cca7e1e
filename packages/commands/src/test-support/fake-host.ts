import { execFileSync } from "node:child_process";
import { onTestFinished } from "vitest";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createProviderClient, emptyUsage, type Message, type ProviderClient, type Usage } from "@axion/api";
import { createMarkdownCommandSet, loadAgents, loadMarkdownCommands, loadSkills, PluginManager, type MarkdownCommandSet } from "@axion/plugins";
import {
  addUsage,
  compactMessages,
  estimateTokens,
  loadConfig,
  PermissionPolicy,
  priceUsage,
  SessionStore,
  type LoadedConfig,
  type PermissionMode,
  type SessionWriter,
} from "@axion/runtime";
import { builtinTools, createToolRegistry } from "@axion/tools";
import type { CommandHost, CommandMcp, CommandSession, CompactionSummary } from "../command-host.js";
import { createCommandRegistry, type CommandRegistry } from "../command-registry.js";
import { createFileCredentials } from "../host-support/create-file-credentials.js";
import { createGitRunner } from "../host-support/create-git-runner.js";

export interface FakeHostOptions {
  model?: string;
  permissionMode?: PermissionMode;
  /** Added to the environment (HOME, AXION_CONFIG_HOME, PATH and ANTHROPIC_API_KEY are set already). */
  env?: Record<string, string | undefined>;
  /** Files to create, relative to the workspace. */
  files?: Record<string, string>;
  /** Files to create, relative to the config home. */
  configFiles?: Record<string, string>;
  /** Make the workspace a git repository with one commit of `files`. */
  git?: boolean;
  mcp?: CommandMcp;
  clipboard?: (text: string) => Promise<boolean>;
  withoutImages?: boolean;
  secret?: string;
}

/** A CommandHost over real files: a temp workspace, home and config home, a real SessionStore, real git. */
export interface FakeHost extends CommandHost {
  root: string;
  home: string;
  client: ProviderClient;
  attachedImages: string[];
  secretPrompts: string[];
  registry(markdown?: MarkdownCommandSet): CommandRegistry;
  /** Runs one line through a registry with the markdown commands of the workspace. */
  run(input: string): Promise<{ output?: string; runPrompt?: string; exit?: boolean; error?: string }>;
  /** Appends a user prompt and an assistant reply (with usage) to the conversation and the session file. */
  addExchange(user: string, assistant: Message["content"], usage?: Partial<Usage>): void;
  addMessage(message: Message, usage?: Partial<Usage>): void;
  writeFile(relativePath: string, content: string): string;
  gitSync(...args: string[]): string;
  reloadConfig(): void;
  cleanup(): void;
}

export async function createFakeHost(options: FakeHostOptions = {}): Promise<FakeHost> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "axion-commands-")));
  const cwd = join(root, "workspace");
  const home = join(root, "home");
  const configHome = join(home, ".axion");
  mkdirSync(cwd, { recursive: true });
  mkdirSync(configHome, { recursive: true });
  const env: Record<string, string | undefined> = {
    HOME: home,
    AXION_CONFIG_HOME: configHome,
    PATH: process.env["PATH"],
    ANTHROPIC_API_KEY: "test-anthropic-key",
    OLLAMA_BASE_URL: "http://127.0.0.1:9",
    GIT_CONFIG_NOSYSTEM: "1",
    ...options.env,
  };
  const write = (base: string, relativePath: string, content: string): string => {
    const path = join(base, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  for (const [path, content] of Object.entries(options.files ?? {})) write(cwd, path, content);
  for (const [path, content] of Object.entries(options.configFiles ?? {})) write(configHome, path, content);

  const gitEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) gitEnv[key] = value;
  const gitSync = (...args: string[]): string => execFileSync("git", args, { cwd, env: gitEnv, encoding: "utf8" });
  if (options.git === true) {
    gitSync("init", "-q", "-b", "main");
    gitSync("config", "user.name", "Test User");
    gitSync("config", "user.email", "test@example.com");
    gitSync("config", "commit.gpgsign", "false");
    write(cwd, ".gitignore", ".axion/sessions/\n");
    gitSync("add", "-A");
    gitSync("commit", "-q", "-m", "initial");
  }

  let config: LoadedConfig = loadConfig({ cwd, env, home, configHome });
  const tools = createToolRegistry(builtinTools());
  const store = new SessionStore({ cwd });
  let client = createProviderClient({ model: options.model ?? "sonnet", env, configHome });
  let writer: SessionWriter = store.create({ model: client.model });
  const messages: Message[] = [];
  let usage = emptyUsage();
  let costUsd = 0;
  let turns = 0;
  let compactions = 0;
  let permissionMode: PermissionMode = options.permissionMode ?? "workspace-write";
  let planMode = false;

  const loadInto = (ref: string): void => {
    const resumed = store.resume(ref);
    writer.close();
    writer = resumed.writer;
    messages.splice(0, messages.length, ...resumed.session.messages);
    usage = { ...resumed.session.usage };
    costUsd = resumed.session.costUsd;
    turns = resumed.session.modelCalls;
    compactions = resumed.session.compactions;
  };

  const session: CommandSession = {
    get id() {
      return writer.id;
    },
    get path() {
      return writer.path;
    },
    get model() {
      return client.model;
    },
    get provider() {
      return client.provider;
    },
    get permissionMode() {
      return permissionMode;
    },
    get planMode() {
      return planMode;
    },
    messages,
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
    setModel(name) {
      client = createProviderClient({ model: name, env, configHome });
    },
    setPermissionMode(mode) {
      permissionMode = mode;
    },
    setPlanMode(on) {
      planMode = on;
    },
    async compact(compactOptions): Promise<CompactionSummary> {
      const beforeTokens = estimateTokens(messages);
      if (compactOptions?.maxTokens !== undefined && beforeTokens < compactOptions.maxTokens) {
        return { removedMessages: 0, beforeTokens, afterTokens: beforeTokens };
      }
      const result = await compactMessages(messages);
      if (result.notSmaller) return { removedMessages: 0, beforeTokens, afterTokens: beforeTokens, notSmaller: true };
      if (result.removedMessages > 0) {
        messages.splice(0, messages.length, ...result.messages);
        writer.appendCompaction({ summary: result.summary, removedMessages: result.removedMessages, keptMessages: messages.length });
        compactions += 1;
      }
      return { removedMessages: result.removedMessages, beforeTokens, afterTokens: estimateTokens(messages) };
    },
    clear() {
      messages.splice(0, messages.length);
    },
    fork(branch) {
      const id = store.fork(writer.path, branch);
      loadInto(id);
      return id;
    },
    switchTo(ref) {
      loadInto(ref);
    },
    rename(name) {
      store.rename(writer.path, name, writer);
    },
    newSession() {
      writer.close();
      writer = store.create({ model: client.model });
      messages.splice(0, messages.length);
      usage = emptyUsage();
      costUsd = 0;
      turns = 0;
      compactions = 0;
    },
    explainPermission(toolName, input) {
      const policy = new PermissionPolicy({
        mode: permissionMode,
        cwd,
        home,
        allow: config.permissionRules.allow,
        deny: config.permissionRules.deny,
        ask: config.permissionRules.ask,
      });
      const tool = tools.get(toolName);
      return policy.explain({ toolName, requiredPermission: tool?.requiredPermission ?? "danger-full-access", input });
    },
  };

  const plugins = new PluginManager({ configHome, cwd, homeDir: home });
  const extensionOptions = () => {
    const enabled = plugins.list().plugins.filter((plugin) => plugin.enabled);
    return { cwd, configHome, homeDir: home, plugins: enabled };
  };
  const attachedImages: string[] = [];
  const secretPrompts: string[] = [];

  const host: FakeHost = {
    root,
    home,
    cwd,
    env,
    configHome,
    version: "9.8.7-test",
    session,
    store,
    get config() {
      return config;
    },
    tools,
    plugins,
    get skills() {
      return loadSkills(extensionOptions());
    },
    get agents() {
      return loadAgents(extensionOptions());
    },
    credentials: createFileCredentials({ configHome, env }),
    git: createGitRunner({ cwd, env }),
    get client() {
      return client;
    },
    attachedImages,
    secretPrompts,
    registry(markdown) {
      return createCommandRegistry({ markdownCommands: markdown ?? loadMarkdownCommands(extensionOptions()) });
    },
    run(input) {
      return host.registry().execute(input, host);
    },
    addMessage(message, messageUsage) {
      messages.push(message);
      if (messageUsage === undefined) {
        writer.appendMessage(message);
        return;
      }
      const full: Usage = { ...emptyUsage(), ...messageUsage };
      writer.appendMessage(message, { usage: full, model: client.model });
      addUsage(usage, full);
      costUsd += priceUsage(full, client.model);
      turns += 1;
    },
    addExchange(user, assistant, exchangeUsage) {
      host.addMessage({ role: "user", content: [{ type: "text", text: user }] });
      host.addMessage({ role: "assistant", content: assistant }, exchangeUsage ?? { input_tokens: 100, output_tokens: 20 });
    },
    writeFile: (relativePath, content) => write(cwd, relativePath, content),
    gitSync,
    reloadConfig() {
      config = loadConfig({ cwd, env, home, configHome });
    },
    cleanup() {
      writer.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  if (options.mcp !== undefined) host.mcp = options.mcp;
  if (options.clipboard !== undefined) host.clipboard = options.clipboard;
  if (options.withoutImages !== true) {
    host.attachImage = async (path) => {
      attachedImages.push(path);
    };
  }
  if (options.secret !== undefined) {
    const secret = options.secret;
    host.readSecret = async (prompt) => {
      secretPrompts.push(prompt);
      return secret;
    };
  }
  return host;
}

/** An empty markdown command set, for registries that should hold only the built-ins. */
export const noMarkdownCommands: MarkdownCommandSet = createMarkdownCommandSet([]);

/** A fake host removed when the current test finishes. */
export async function useFakeHost(options: FakeHostOptions = {}): Promise<FakeHost> {
  const host = await createFakeHost(options);
  onTestFinished(() => host.cleanup());
  return host;
}
