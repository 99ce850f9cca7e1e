import { Command, Option } from "commander";
import { parseToolList } from "@axion/runtime";
import { parseOutputFormat, parsePositiveInteger, parseUsd, UsageError, type CliFlags } from "./cli-flags.js";
import { readAllStdin, readPipedContext, stdinIsPiped, stdinIsTty, withPipedContext } from "./io/stdin.js";
import { runOneShot } from "./modes/one-shot.js";
import { runRepl } from "./repl/run-repl.js";
import { registerMcpCommand } from "./subcommands/mcp-command.js";
import { registerPluginsCommand } from "./subcommands/plugins-command.js";
import { registerSlashBackedCommands } from "./subcommands/slash-backed-commands.js";
import { registerSystemPromptCommand } from "./subcommands/system-prompt-command.js";
import { registerTrustCommand } from "./subcommands/trust-command.js";
import type { ProgramIo } from "./program-io.js";
import { VERSION } from "./version.js";


interface RootOptions {
  print?: string | boolean;
  model?: string;
  permissionMode?: string;
  dangerouslySkipPermissions?: boolean;
  allowedTools?: string[];
  disallowedTools?: string[];
  outputFormat: string;
  resume?: string | boolean;
  continue?: boolean;
  forkSession?: boolean;
  wait?: boolean;
  maxTurns?: string;
  maxCost?: string;
  systemPromptFile?: string;
  appendSystemPrompt?: string;
  verbose?: boolean;
  approvalsFromStdin?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Adds the agent options shared by the root command and `axion prompt`. */
function addAgentOptions(command: Command): Command {
  return command
    .option("-m, --model <model>", "model or alias (sonnet, opus, gpt-5, codex, grok, ollama/<name>, openai-compatible/<name>)")
    .addOption(
      new Option("--permission-mode <mode>", "what tools may do without asking").choices([
        "read-only",
        "workspace-write",
        "danger-full-access",
        "prompt",
        "allow",
        "default",
        "acceptEdits",
        "plan",
        "bypassPermissions",
      ]),
    )
    .option("--dangerously-skip-permissions", "same as --permission-mode danger-full-access")
    .option("--allowedTools <tools>", "only these tools (comma list; repeatable), e.g. Read,Grep or Bash(git status:*)", collect)
    .option("--allowed-tools <tools>", "alias of --allowedTools", collect)
    .option("--disallowedTools <tools>", "deny these tools or rules (comma list; repeatable)", collect)
    .option("--disallowed-tools <tools>", "alias of --disallowedTools", collect)
    .option("--output-format <format>", "text, json or stream-json", "text")
    .option("-r, --resume [session]", "resume a session by id, id prefix, path or `latest`")
    .option("-c, --continue", "continue the most recent session in this folder")
    .option("--fork-session", "with -c/-r: continue in a copy of the session (a new id); the original stays as it is")
    .option("--wait", "with -c/-r: if another axion is writing the session, wait until it is done (Ctrl-C stops)")
    .option("--max-turns <n>", "stop after this many model calls (default 50)")
    .option("--max-cost <usd>", "stop once this turn has cost this many US dollars")
    .option("--system-prompt-file <path>", "replace the system prompt with this file")
    .option("--append-system-prompt <text>", "append text to the system prompt")
    .option("--verbose", "print usage and progress details on stderr")
    .option("--approvals-from-stdin", "read answers to approval prompts from stdin (for scripts; stdin is then nothing else)");
}

function toFlags(options: RootOptions): CliFlags {
  // `--allowed-tools` and `--allowedTools` share one attribute, so both collect into the same list
  const allowed = options.allowedTools ?? [];
  const disallowed = options.disallowedTools ?? [];
  return {
    model: options.model,
    permissionMode: options.dangerouslySkipPermissions ? "danger-full-access" : options.permissionMode,
    allowedTools: allowed.length > 0 ? parseToolList(allowed) : undefined,
    disallowedTools: disallowed.length > 0 ? parseToolList(disallowed) : undefined,
    outputFormat: parseOutputFormat(options.outputFormat),
    resume: options.resume === true ? "latest" : typeof options.resume === "string" ? options.resume : undefined,
    continue: options.continue,
    forkSession: options.forkSession,
    waitForSession: options.wait,
    maxTurns: options.maxTurns !== undefined ? parsePositiveInteger("--max-turns", options.maxTurns) : undefined,
    maxCost: options.maxCost !== undefined ? parseUsd("--max-cost", options.maxCost) : undefined,
    systemPromptFile: options.systemPromptFile,
    appendSystemPrompt: options.appendSystemPrompt,
    verbose: options.verbose,
    approvalsFromStdin: options.approvalsFromStdin,
  };
}

async function runPromptAction(promptWords: string[], options: RootOptions, io: ProgramIo): Promise<void> {
  const flags = { ...toFlags(options), trustWorkspace: io.trustWorkspace };
  let prompt = [typeof options.print === "string" ? options.print : "", ...promptWords].join(" ").trim();
  if (flags.approvalsFromStdin) {
    if (prompt === "") throw new UsageError("--approvals-from-stdin reads stdin only as answers to approval prompts: give the prompt as an argument or with -p");
  } else if (prompt === "" && !stdinIsTty()) {
    prompt = (await readAllStdin()).trim();
  } else if (prompt !== "" && stdinIsPiped()) {
    // `cat log | axion -p "explain"`: what is piped is context for the prompt, never answers to approval prompts
    const context = await readPipedContext(stdinWaitMs(io.env));
    if (context.silent) io.stderr.write("axion: stdin is open but sent nothing; going on without it (close it, or pass </dev/null)\n");
    prompt = withPipedContext(prompt, context);
  }
  if (prompt === "" && options.print === undefined && stdinIsTty()) {
    io.exitCode = await runRepl(flags, io);
    return;
  }
  if (prompt === "") {
    throw new UsageError('no prompt given: run `axion "<what to do>"`, `axion -p "<what to do>"`, or pipe the prompt on stdin');
  }
  io.exitCode = await runOneShot(prompt, flags, { cwd: io.cwd, env: io.env, stdout: io.stdout, stderr: io.stderr });
}

/** How long a piped but silent stdin is waited for before the run goes on without it. */
function stdinWaitMs(env: Readonly<Record<string, string | undefined>>): number {
  const configured = Number(env["AXION_STDIN_WAIT_MS"]);
  return Number.isFinite(configured) && configured >= 0 ? configured : 2_000;
}

/** Builds the `axion` command line. Each subcommand lives in its own module under `subcommands/`. */
export function makeProgram(io: ProgramIo): Command {
  const program = new Command();
  program
    .name("axion")
    .description("A terminal AI coding agent: it reads, searches, edits and runs commands in your project, asking before risky actions.")
    .version(VERSION, "-V, --version", "print the axion version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    // subcommands own their options (`axion mcp list --output-format json`)
    .enablePositionalOptions()
    .argument("[prompt...]", "what to do; runs one turn and prints the answer")
    .option("-p, --print [prompt]", "run one turn non-interactively and print the answer")
    // taken out of argv by main() wherever it stands; declared here for --help
    .option("--trust-workspace", "load what this folder carries (hooks, MCP servers, plugins, settings env, grants) for this run only, as if trusted");
  addAgentOptions(program);
  program.action(async (promptWords: string[], options: RootOptions) => {
    await runPromptAction(promptWords, options, io);
  });

  addAgentOptions(
    program
      .command("prompt")
      .description("run one turn with the given prompt and print the answer")
      .argument("<prompt...>", "what to do"),
  ).action(async (promptWords: string[], options: RootOptions) => {
    await runPromptAction(promptWords, options, io);
  });

  registerSystemPromptCommand(program, io);
  registerMcpCommand(program, io);
  registerPluginsCommand(program, io);
  registerSlashBackedCommands(program, io);
  registerTrustCommand(program, io);

  addAgentOptions(
    program
      .command("resume")
      .description("continue a session of this folder interactively (default: the latest)")
      .argument("[session]", "id, id prefix, path or latest"),
  ).action(async (session: string | undefined, options: RootOptions) => {
    io.exitCode = await runRepl({ ...toFlags(options), resume: session ?? "latest", trustWorkspace: io.trustWorkspace }, io);
  });

  program
    .command("version")
    .description("print the axion version and the Node.js runtime")
    .action(() => {
      io.stdout.write(`axion ${VERSION} (node ${process.version}, ${process.platform}-${process.arch})\n`);
    });

  return program;
}
