import { homedir } from "node:os";
import {
  createFileCredentials,
  createGitRunner,
  type CommandHost,
  type CommandSession,
} from "@axion/commands";
import { PluginManager } from "@axion/plugins";
import { resolveConfigHome, type PermissionMode } from "@axion/runtime";
import { VERSION } from "../version.js";
import type { AgentSession } from "./create-agent-session.js";

export interface CommandHostOptions {
  env: Readonly<Record<string, string | undefined>>;
  clipboard?: ((text: string) => Promise<boolean>) | undefined;
  attachImage?: ((path: string) => Promise<void>) | undefined;
  readSecret?: ((prompt: string) => Promise<string | undefined>) | undefined;
}

/** The slash commands' view of a live AgentSession (the REPL and `axion <subcommand>` share it). */
export function createCommandHost(session: AgentSession, options: CommandHostOptions): CommandHost {
  const home = options.env["HOME"] ?? homedir();
  const configHome = resolveConfigHome(options.env, home);
  const commandSession: CommandSession = {
    get id() {
      return session.id;
    },
    get path() {
      return session.writer.path;
    },
    get model() {
      return session.model;
    },
    get provider() {
      return session.client.provider;
    },
    get permissionMode() {
      return session.permissionMode;
    },
    get planMode() {
      return session.planMode;
    },
    get messages() {
      return session.messages;
    },
    get usage() {
      return session.usage;
    },
    get costUsd() {
      return session.costUsd;
    },
    get turns() {
      return session.turns;
    },
    get compactions() {
      return session.compactions;
    },
    setModel: (name) => session.setModel(name),
    setPermissionMode: (mode: PermissionMode) => session.setPermissionMode(mode),
    setPlanMode: (on) => {
      session.planMode = on;
    },
    compact: (compactOptions) => session.compact(compactOptions),
    clear: () => session.newSession(),
    fork: (branch) => session.fork(branch),
    switchTo: (ref) => session.switchTo(ref),
    rename: (name) => session.rename(name),
    newSession: () => session.newSession(),
    explainPermission: (toolName, input) => session.explainPermission(toolName, input),
  };
  return {
    cwd: session.cwd,
    env: options.env,
    configHome,
    version: VERSION,
    session: commandSession,
    store: session.store,
    config: session.config,
    tools: session.tools,
    mcp: session.mcp,
    plugins: new PluginManager({ configHome, cwd: session.cwd, settings: session.config.merged, homeDir: home }),
    skills: session.skills,
    agents: session.agents,
    credentials: createFileCredentials({ configHome, env: options.env }),
    git: createGitRunner({ cwd: session.cwd, env: options.env }),
    clipboard: options.clipboard,
    attachImage: options.attachImage,
    readSecret: options.readSecret,
  };
}
