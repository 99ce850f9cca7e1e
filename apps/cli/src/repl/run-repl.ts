import { existsSync } from "node:fs";
import { isContextWindowMessage } from "@axion/api";
import { createCommandRegistry, parseSlashCommand, type CommandRegistry } from "@axion/commands";
import { collectGitContext } from "@axion/runtime";
import type { CliFlags } from "../cli-flags.js";
import { formatError } from "../output/format-error.js";
import type { ProgramIo } from "../program-io.js";
import type { ContentBlock, ImageBlock } from "@axion/api";
import { createCommandHost } from "../session/command-host.js";
import { imageBlockFromFile } from "../session/image-block.js";
import { createAgentSession, type AgentSession } from "../session/create-agent-session.js";
import { askWorkspaceTrust } from "../trust/ask-workspace-trust.js";
import { VERSION } from "../version.js";
import { expandFileReferences } from "./file-references.js";
import { renderHistory } from "./history-replay.js";
import { createInputCompleter } from "./input-completer.js";
import { LineEditor, type TerminalInput, type TerminalOutput } from "./line-editor.js";
import { PromptHistory } from "./prompt-history.js";
import { formatRetryLine, RETRY_NOTICE_MIN_MS } from "../output/retry-line.js";
import { watchTerminationSignals } from "../io/termination-signals.js";
import { createReplPrompter } from "./repl-prompter.js";
import { createSpinner } from "./spinner.js";
import { copyToClipboard } from "./system-clipboard.js";
import { formatStatusLine } from "./status-line.js";
import { colorEnabled, createTerminalStyle } from "./terminal-style.js";
import { createTurnView, type TurnView } from "./turn-view.js";
import { formatWelcome } from "./welcome.js";

/** The input marker; plan mode puts `plan` before it. */
export const PROMPT_MARKER = "❯ ";
const EXIT_INTERRUPTED = 130;

export interface ReplOptions {
  /** The terminal to read keys from (default `process.stdin`). */
  input?: (TerminalInput & NodeJS.ReadableStream) | undefined;
}

interface RunningTurn {
  controller: AbortController;
  view: TurnView;
}

const nullOutput: TerminalOutput = { write: () => true };

/**
 * The interactive REPL: a welcome, then prompts read with the line editor, sent as turns (with `@path` files
 * inlined) or run as slash commands, until `/exit`, Ctrl-D, or Ctrl-C twice at an empty prompt. Returns the exit
 * code. Output is styled on a terminal and plain (no escape sequences) when stdout is not one or NO_COLOR is set.
 */
export async function runRepl(flags: CliFlags, io: ProgramIo, options: ReplOptions = {}): Promise<number> {
  const input = options.input ?? (process.stdin as TerminalInput & NodeJS.ReadableStream);
  const stdout = io.stdout as NodeJS.WritableStream & TerminalOutput & { isTTY?: boolean };
  const stderr = io.stderr as NodeJS.WritableStream & TerminalOutput & { isTTY?: boolean };
  const stdoutIsTerminal = stdout.isTTY === true;
  const style = createTerminalStyle(colorEnabled(stdout, io.env));
  const columns = (): number => Math.max(20, stdout.columns ?? 80);

  let atLineStart = true;
  const write = (text: string): void => {
    if (text === "") return;
    stdout.write(text);
    atLineStart = text.endsWith("\n");
  };
  const writeLine = (text: string): void => write(`${text}\n`);

  // the prompt is drawn where a person looks: stdout on a terminal, else stderr when that is one
  const editor = new LineEditor({ input, output: stdoutIsTerminal ? stdout : stderr.isTTY === true ? stderr : nullOutput });
  // a warning can arrive while the prompt is drawn (an MCP server failing in the background)
  const warn = (message: string): void => {
    const print = (): void => writeLine(style.yellow(`warning: ${message}`));
    if (stdoutIsTerminal && editor.reading) editor.printAbove(print);
    else print();
  };
  // plain output (NO_COLOR) stays stable: no animation either
  const spinner = createSpinner({ write: (text) => stdout.write(text), enabled: stdoutIsTerminal && style.enabled, style });
  let turn: RunningTurn | undefined;

  const interruptTurn = (): void => {
    if (turn === undefined) return;
    if (turn.controller.signal.aborted) {
      // a second Ctrl-C while the cancelled turn winds down: leave now
      editor.close();
      process.exit(EXIT_INTERRUPTED);
    }
    spinner.stop();
    turn.controller.abort(new Error("interrupted by the user"));
  };
  editor.onIdleKey = (key) => {
    if ((key.ctrl === true && key.name === "c") || key.name === "escape") {
      interruptTurn();
      return true;
    }
    // Ctrl-D while a turn runs is not a request to leave at the next prompt
    return key.ctrl === true && key.name === "d";
  };
  const onSigint = (): void => {
    if (turn !== undefined) interruptTurn();
    else editor.cancel();
  };
  process.on("SIGINT", onSigint);
  // SIGTERM and a closed terminal (SIGHUP) end the REPL: the turn is interrupted, the session closed, exit 143 / 129
  const termination = watchTerminationSignals(() => {
    if (turn !== undefined) interruptTurn();
    editor.cancel();
  }, ["SIGTERM", "SIGHUP"]);

  const prompter = createReplPrompter({
    editor,
    style,
    write,
    beforeAsk: () => {
      turn?.view.settle();
      if (!atLineStart) write("\n");
    },
    onInterrupt: interruptTurn,
  });

  let session: AgentSession | undefined;
  try {
    const gitContext = collectGitContext(io.cwd, { env: io.env, timeoutMs: 1_500 }).catch(() => undefined);
    // an untrusted folder that carries hooks, servers, plugins, env or grants: ask once, before any of it could start
    await askWorkspaceTrust({
      cwd: io.cwd,
      env: io.env,
      flag: flags.trustWorkspace,
      write,
      read: async (question) => {
        const answer = await editor.read({ prompt: style.bold(question), multiline: false, typeAhead: false });
        return answer.kind === "line" ? answer.text : undefined;
      },
    });
    session = await createAgentSession({
      cwd: io.cwd,
      env: io.env,
      flags,
      prompter,
      warn,
      notice: (line) => stderr.write(`${line}\n`),
      // a long wait for a busy provider is said, as in one-shot mode; short ones pass unremarked
      onRetry: (info) => {
        if (info.waitMs >= RETRY_NOTICE_MIN_MS) warn(formatRetryLine(info).replace(/^axion: /, ""));
      },
    });
    const current = session;
    // images from /image wait here and go with the next message as image blocks
    const pendingImages: ImageBlock[] = [];
    const host = createCommandHost(current, {
      env: io.env,
      clipboard: (text) => copyToClipboard(text, io.env),
      attachImage: async (path) => {
        pendingImages.push(await imageBlockFromFile(path));
      },
      readSecret: async (question) => {
        spinner.stop();
        const answer = await editor.read({ prompt: question, multiline: false, typeAhead: false, mask: true });
        return answer.kind === "line" ? answer.text : undefined;
      },
    });
    const registry = createCommandRegistry({ markdownCommands: current.markdownCommands });
    for (const warning of registry.warnings) warn(warning);
    const history = new PromptHistory({ configHome: host.configHome, cwd: io.cwd, warn });
    const complete = createInputCompleter({ registry, host, cwd: io.cwd });

    const git = await gitContext;
    const branch = git === undefined ? undefined : git.detached ? "(detached HEAD)" : git.branch;
    const resumed = current.messages.length > 0;
    for (const line of formatWelcome(
      {
        version: VERSION,
        model: current.model,
        provider: current.client.provider,
        sessionId: current.id,
        permissionMode: current.permissionMode,
        planMode: current.planMode,
        gitBranch: branch,
        cwd: io.cwd,
        resumed,
      },
      style,
    )) {
      writeLine(line);
    }
    if (resumed) write(renderHistory(current.messages, style, { columns: columns(), promptMarker: PROMPT_MARKER }));

    const status = (): string =>
      formatStatusLine(
        {
          model: current.model,
          provider: current.client.provider,
          usage: current.usage,
          costUsd: current.costUsd,
          permissionMode: current.permissionMode,
          planMode: current.planMode,
        },
        style,
      );

    /** One turn; `@path` references are expanded only in what the person typed, never in a command's generated prompt. */
    const runTurn = async (text: string, typed = true): Promise<void> => {
      const expanded = typed ? expandFileReferences(text, io.cwd) : { prompt: text, references: [] };
      for (const reference of expanded.references) {
        if (reference.kind === "missing") writeLine(style.dim(`@${reference.path}: no such file or directory (sent as typed)`));
        else writeLine(style.dim(`  ⎿ Attached @${reference.path}${reference.kind === "directory" ? " (listing)" : ""}`));
      }
      const controller = new AbortController();
      const view = createTurnView({ write, style, spinner, columns });
      turn = { controller, view };
      view.waiting();
      try {
        const images = pendingImages.splice(0, pendingImages.length);
        const prompt: string | ContentBlock[] = images.length > 0 ? [...images, { type: "text", text: expanded.prompt }] : expanded.prompt;
        await current.run(prompt, { signal: controller.signal, onEvent: (event) => view.handle(event) });
        view.settle();
      } catch (error) {
        view.settle();
        if (!atLineStart) write("\n");
        if (controller.signal.aborted) {
          writeLine(style.yellow("Interrupted."));
        } else {
          const message = formatError(error);
          writeLine(style.red(`Error: ${message}`));
          if (isContextWindowMessage(message)) writeLine(style.dim("The conversation is too long for the model: try /compact or /clear."));
        }
      } finally {
        turn = undefined;
      }
      if (!atLineStart) write("\n");
      writeLine(status());
      write("\n");
    };

    const runCommand = async (text: string): Promise<"exit" | undefined> => {
      const before = { id: current.id, model: current.model, mode: current.permissionMode, plan: current.planMode };
      spinner.start(`${text.trim().split(/\s/)[0]}…`);
      const result = await registry.execute(text, host).finally(() => spinner.stop());
      if (result.output !== undefined && result.output !== "") writeLine(result.output.replace(/\n+$/, ""));
      if (result.error !== undefined) writeLine(style.red(result.error));
      const name = parseSlashCommand(text)?.name;
      if (current.id !== before.id && name === "resume" && current.messages.length > 0) {
        write(renderHistory(current.messages, style, { columns: columns(), promptMarker: PROMPT_MARKER }));
      }
      if (current.model !== before.model || current.permissionMode !== before.mode || current.planMode !== before.plan) writeLine(status());
      // a built-in command's prompt (a diff for /review) is sent as generated; a markdown command's is the user's text
      if (result.runPrompt !== undefined) await runTurn(result.runPrompt, result.expandFileReferences === true);
      return result.exit === true ? "exit" : undefined;
    };

    let exitArmed = false;
    // `/exit` says where the session is itself; the closing line is for Ctrl-D and Ctrl-C
    let exitedByCommand = false;
    for (;;) {
      if (!atLineStart) write("\n");
      const marker = current.planMode ? `plan ${PROMPT_MARKER}` : PROMPT_MARKER;
      const result = await editor.read({
        prompt: style.bold(style.cyan(marker)),
        continuationPrompt: style.dim("… ".padStart(marker.length)),
        history: history.entries(),
        complete,
      });
      if (result.kind === "eof" || termination.signal !== undefined) break;
      if (result.kind === "interrupt") {
        if (result.text !== "") {
          exitArmed = false;
          continue;
        }
        if (exitArmed) break;
        exitArmed = true;
        writeLine(style.dim("(Ctrl-C again to exit, or Ctrl-D)"));
        continue;
      }
      exitArmed = false;
      const text = result.text;
      if (text.trim() === "") continue;
      history.add(text);
      if (!stdoutIsTerminal) writeLine(`${marker}${text}`);
      if (isSlashCommand(text, registry)) {
        if ((await runCommand(text)) === "exit") {
          exitedByCommand = true;
          break;
        }
        continue;
      }
      const bare = bareCommandWord(text, registry);
      if (bare !== undefined) {
        writeLine(style.dim(`Did you mean /${bare}? (send it with a slash to run the command)`));
        continue;
      }
      await runTurn(text);
      if (termination.signal !== undefined) break;
    }
    if (!atLineStart) write("\n");
    if (!exitedByCommand && existsSync(current.writer.path)) writeLine(style.dim(`Session ${current.id} saved. Resume it with: axion --resume ${current.id}`));
    return termination.exitCode ?? 0;
  } catch (error) {
    if (!atLineStart) write("\n");
    stderr.write(`axion: ${formatError(error)}\n`);
    return 1;
  } finally {
    process.off("SIGINT", onSigint);
    termination.dispose();
    spinner.stop();
    editor.close();
    await session?.close();
  }
}

/**
 * A slash command is `/name …` with a known name, or any `/word` without a second slash (an unknown command is
 * then reported with suggestions). `/usr/bin/env what is this?` is a prompt that starts with a path.
 */
function isSlashCommand(text: string, registry: CommandRegistry): boolean {
  const parsed = parseSlashCommand(text);
  if (parsed === undefined) return false;
  if (registry.get(parsed.name) !== undefined) return true;
  return !parsed.name.includes("/");
}

/** A lone word that names a command (`help`, `exit`) was probably meant as one. */
function bareCommandWord(text: string, registry: Pick<CommandRegistry, "get">): string | undefined {
  const word = text.trim().toLowerCase();
  if (!/^[a-z][a-z-]*$/.test(word)) return undefined;
  const known = new Set(["help", "exit", "quit", "clear", "compact", "status", "model", "cost", "resume"]);
  return known.has(word) && registry.get(word) !== undefined ? word : undefined;
}

