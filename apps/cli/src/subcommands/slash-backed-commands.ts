import type { Command } from "commander";
import { createCommandRegistry, messageCountText, renderTranscript, sandboxStateOf, transcriptEntries } from "@axion/commands";
import { describeSandboxStatus, resolveConfigHome } from "@axion/runtime";
import { resolve } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { findCredentials, type ProviderName } from "@axion/api";
import { UsageError, type CliFlags } from "../cli-flags.js";
import { readAllStdin, stdinIsTty } from "../io/stdin.js";
import type { ProgramIo } from "../program-io.js";
import { createCommandHost } from "../session/command-host.js";
import { createAgentSession, type AgentSession } from "../session/create-agent-session.js";
import { oauthConfigFor, oauthLogin } from "./oauth-login.js";
import { formatTable, workspaceContext } from "./workspace-context.js";

/** Subcommands that run the slash command of the same name against this folder's latest session. */
const SLASH_BACKED: readonly { name: string; args?: string; summary: string; json?: boolean }[] = [
  { name: "status", summary: "show the session, model, permission mode, usage and git state", json: true },
  { name: "doctor", summary: "check Node.js, credentials (never printed), config, MCP servers, ripgrep, sandbox tools and sessions", json: true },
  { name: "config", summary: "show the config sources and the merged settings", json: true },
  { name: "agents", summary: "list custom agents (.axion/agents, .claude/agents, plugins)" },
  { name: "skills", summary: "list skills (.axion/skills, .claude/skills, plugins)" },
  { name: "logout", args: "[args...]", summary: "remove a saved API key: `axion logout [provider]`" },
  { name: "init", summary: "create AXION.md and .axion/settings.json in this folder" },
];

const OFFLINE_FLAGS: CliFlags = { outputFormat: "text" };

/** An inspecting session: no model call, no MCP servers, the folder's latest session when there is one. */
async function inspectSession(io: ProgramIo): Promise<AgentSession> {
  const warn = (message: string) => io.stderr.write(`axion: warning: ${message}\n`);
  // printed once, though the session may be created twice (no latest session to resume)
  let noticed = false;
  const notice = (line: string) => {
    if (!noticed) io.stderr.write(`${line}\n`);
    noticed = true;
  };
  const flags: CliFlags = { ...OFFLINE_FLAGS, trustWorkspace: io.trustWorkspace };
  try {
    return await createAgentSession({ cwd: io.cwd, env: io.env, flags: { ...flags, resume: "latest" }, prompter: undefined, warn, notice, offline: true });
  } catch (error) {
    // no session yet, or the latest one is being written by a running axion: inspect without resuming it
    const code = (error as { code?: string }).code;
    if (code !== "session_not_found" && code !== "session_locked") throw error;
    return createAgentSession({ cwd: io.cwd, env: io.env, flags, prompter: undefined, warn, notice, offline: true });
  }
}

async function readSecret(io: ProgramIo, prompt: string): Promise<string | undefined> {
  if (!stdinIsTty()) return (await readAllStdin()).trim() || undefined;
  io.stderr.write(prompt);
  const { createInterface } = await import("node:readline");
  const terminal = createInterface({ input: process.stdin, output: io.stderr as NodeJS.WritableStream, terminal: true });
  const writeOutput = (terminal as unknown as { _writeToOutput: (text: string) => void });
  writeOutput._writeToOutput = () => {};
  return new Promise((resolve) => {
    terminal.question("", (answer) => {
      terminal.close();
      io.stderr.write("\n");
      resolve(answer.trim() || undefined);
    });
  });
}

async function statusJson(session: AgentSession, io: ProgramIo): Promise<unknown> {
  return {
    session_id: session.id,
    session_file: session.writer.path,
    model: session.model,
    provider: session.client.provider,
    permission_mode: session.permissionMode,
    trusted: session.config.untrusted === undefined,
    ...(session.config.untrusted === undefined ? {} : { not_loaded: session.config.untrusted.skipped }),
    messages: session.messages.length,
    model_calls: session.turns,
    usage: session.usage,
    estimated_cost_usd: Number(session.costUsd.toFixed(6)),
    sessions: session.store.list().length,
    cwd: io.cwd,
  };
}

function doctorJson(session: AgentSession, io: ProgramIo): unknown {
  return {
    node: process.version,
    credentials: findCredentials(io.env).map((entry) => ({ provider: entry.provider, available: entry.available, source: entry.source, required: entry.required })),
    config_sources: session.config.sources,
    tools: session.tools.list().length,
    sessions_dir: session.store.pathFor("x").replace(/\/x\.jsonl$/, ""),
    sandbox: sandboxJson(session, io),
  };
}

/** The sandbox the session's commands get now, as `/doctor` and `/sandbox` report it. */
function sandboxJson(session: AgentSession, io: ProgramIo): unknown {
  const { decision, detection, settings } = sandboxStateOf({ cwd: session.cwd, env: io.env, configHome: resolveConfigHome(io.env), config: session.config, session });
  return {
    ...decision.status,
    summary: describeSandboxStatus(decision.status),
    bwrap: detection.available ? { path: detection.bwrapPath, version: detection.version } : { error: detection.reason },
    network: settings.network === true,
    writable: settings.writable ?? [],
  };
}

/** Registers `axion status|doctor|config|export|agents|skills|login|logout|init` and `axion tools|session`. */
export function registerSlashBackedCommands(program: Command, io: ProgramIo): void {
  for (const entry of SLASH_BACKED) {
    const command = program.command(entry.name).description(entry.summary);
    if (entry.args) command.argument(entry.args);
    if (entry.json) command.option("--output-format <format>", "text or json", "text");
    command.action(async (...parameters: unknown[]) => {
      const args = entry.args ? ((parameters[0] as string[] | undefined) ?? []) : [];
      const options = (entry.args ? parameters[1] : parameters[0]) as { outputFormat?: string };
      const session = await inspectSession(io);
      try {
        if (options.outputFormat === "json") {
          const value =
            entry.name === "status" ? await statusJson(session, io) : entry.name === "doctor" ? doctorJson(session, io) : { sources: session.config.sources, merged: session.config.merged };
          io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
          return;
        }
        if (options.outputFormat !== undefined && options.outputFormat !== "text") throw new UsageError(`--output-format must be text or json, got "${options.outputFormat}"`);
        const host = createCommandHost(session, { env: io.env, readSecret: (prompt) => readSecret(io, prompt) });
        const registry = createCommandRegistry({ markdownCommands: session.markdownCommands });
        const result = await registry.execute(`/${entry.name} ${args.join(" ")}`.trim(), host);
        if (result.error) throw new UsageError(result.error);
        if (result.output) io.stdout.write(result.output.endsWith("\n") ? result.output : `${result.output}\n`);
      } finally {
        await session.close();
      }
    });
  }

  program
    .command("login")
    .description("save an API key for a provider (0600, under the config home), or sign in with --oauth")
    .argument("[provider]", "anthropic, openai or xai; the key is asked for (not echoed) or read from stdin")
    .argument("[extra...]")
    .option("--oauth", "sign in with the OAuth client configured in settings oauth.<provider> (PKCE, local callback)")
    .action(async (providerArg: string | undefined, extra: string[], options: { oauth?: boolean }) => {
      if (extra.length > 0) {
        throw new UsageError(
          "axion login takes no key on the command line (it would stay in your shell history and show in the process list): run `axion login <provider>` and type it, or pipe it: printf %s \"$KEY\" | axion login <provider>",
        );
      }
      const args = providerArg === undefined ? [] : [providerArg];
      if (options.oauth) {
        const provider = (args[0] ?? "anthropic") as ProviderName;
        if (!["anthropic", "openai", "xai"].includes(provider)) throw new UsageError(`--oauth works for anthropic, openai or xai, got "${provider}"`);
        const context = workspaceContext(io);
        const path = await oauthLogin({
          provider,
          config: oauthConfigFor(context.config.merged as Record<string, unknown>, provider),
          configHome: context.configHome,
          env: io.env,
          write: (text) => io.stderr.write(text),
        });
        io.stdout.write(`Signed in to ${provider}; token saved to ${path}\n`);
        return;
      }
      const session = await inspectSession(io);
      try {
        const host = createCommandHost(session, { env: io.env, readSecret: (prompt) => readSecret(io, prompt) });
        const result = await createCommandRegistry({}).execute(`/login ${args.join(" ")}`.trim(), host);
        if (result.error) throw new UsageError(result.error);
        if (result.output) io.stdout.write(result.output.endsWith("\n") ? result.output : `${result.output}\n`);
      } finally {
        await session.close();
      }
    });

  program
    .command("tools")
    .description("list the tools of a session here, with the permission each needs")
    .option("--output-format <format>", "text or json", "text")
    .action(async (options: { outputFormat: string }) => {
      const session = await inspectSession(io);
      try {
        const tools = session.tools.list().map((tool) => ({ name: tool.name, permission: tool.requiredPermission, description: tool.description.split("\n")[0] ?? "" }));
        if (options.outputFormat === "json") io.stdout.write(`${JSON.stringify({ tools }, null, 2)}\n`);
        else io.stdout.write(formatTable([["TOOL", "PERMISSION", "DESCRIPTION"], ...tools.map((tool) => [tool.name, tool.permission, tool.description.slice(0, 80)])]));
      } finally {
        await session.close();
      }
    });

  const sessionCommand = program.command("session").description("list, show and delete the sessions of this folder");
  sessionCommand
    .command("list")
    .description("sessions of this folder, newest first")
    .option("--output-format <format>", "text or json", "text")
    .action(async (options: { outputFormat: string }) => {
      const session = await inspectSession(io);
      try {
        const list = session.store.list();
        if (options.outputFormat === "json") {
          io.stdout.write(`${JSON.stringify({ sessions: list }, null, 2)}\n`);
          return;
        }
        if (list.length === 0) {
          io.stdout.write("No sessions in this folder yet.\n");
          return;
        }
        const rows = [["ID", "UPDATED", "MESSAGES", "MODEL", "FIRST PROMPT"]];
        for (const entry of list) {
          rows.push([
            entry.id,
            entry.updated.toISOString().slice(0, 16).replace("T", " "),
            entry.error === undefined ? messageCountText(entry.messageCount, entry.messagesInContext, entry.compactions) : "unreadable",
            entry.model,
            entry.preview.replace(/\s+/g, " ").slice(0, 50),
          ]);
        }
        io.stdout.write(formatTable(rows));
      } finally {
        await session.close();
      }
    });
  const transcriptOf = (session: AgentSession, ref: string): { id: string; text: string } => {
    const loaded = session.store.open(ref);
    const text = renderTranscript(
      { sessionId: loaded.id, model: loaded.meta.model, exportedAt: new Date(), parent: loaded.meta.parent, compactions: loaded.compactions, messagesInContext: loaded.messages.length, usage: loaded.usage, costUsd: loaded.costUsd },
      transcriptEntries(loaded),
    );
    return { id: loaded.id, text };
  };

  sessionCommand
    .command("show <session>")
    .description("print a session's conversation as Markdown (id, id prefix, path or latest)")
    .action(async (ref: string) => {
      const session = await inspectSession(io);
      try {
        io.stdout.write(transcriptOf(session, ref).text);
      } finally {
        await session.close();
      }
    });

  sessionCommand
    .command("delete <session>")
    .description("delete a session file")
    .action(async (ref: string) => {
      const session = await inspectSession(io);
      // closed first: the inspected (latest) session's lock would refuse its own deletion
      await session.close();
      const path = session.store.delete(ref);
      io.stdout.write(`Deleted ${path}\n`);
    });

  program
    .command("export [session]")
    .description("write a session (default: the latest) as a Markdown transcript")
    .option("-o, --output <file>", "where to write it (default transcript-<id>.md; - for stdout)")
    .action(async (ref: string | undefined, options: { output?: string }) => {
      const session = await inspectSession(io);
      try {
        const { id, text } = transcriptOf(session, ref ?? "latest");
        if (options.output === "-") {
          io.stdout.write(text);
          return;
        }
        const target = resolve(io.cwd, options.output ?? `transcript-${id}.md`);
        writeFileAtomic.sync(target, text);
        io.stdout.write(`Exported session ${id} to ${target}\n`);
      } finally {
        await session.close();
      }
    });
}
