import type { RetryInfo } from "@axion/api";
import { createStreamPrompter, type AgentEvent, type TurnResult } from "@axion/runtime";
import { parseSlashCommand, suggestCommands } from "@axion/commands";
import { renderCommand } from "@axion/plugins";
import { UsageError, type CliFlags } from "../cli-flags.js";
import { createTerminalPrompter, terminalAvailable } from "../io/terminal-prompter.js";
import { secretRedactorFor } from "../output/secret-redaction.js";
import { watchTerminationSignals } from "../io/termination-signals.js";
import { buildJsonResult } from "../output/json-result.js";
import { formatToolCall, formatToolResult } from "../output/tool-call-line.js";
import { formatError } from "../output/format-error.js";
import { formatRetryLine, retryEvent, RETRY_NOTICE_MIN_MS } from "../output/retry-line.js";
import { createAgentSession, type AgentSession } from "../session/create-agent-session.js";
import { startupProfile } from "../startup-profile.js";

export interface OneShotIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Exit codes of the CLI contract. */
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_INTERRUPTED = 130;

/** `axion -p "…"`: one turn, printed as text, json or stream-json; returns the exit code. */
export async function runOneShot(prompt: string, flags: CliFlags, io: OneShotIo): Promise<number> {
  const format = flags.outputFormat;
  // every line printed passes the secret redactor: a provider error or a tool result may echo a key
  const redactor = secretRedactorFor(io.env);
  const writeErr = (line: string) => io.stderr.write(`${redactor.redact(line)}\n`);
  const writeJsonLine = (value: unknown) => io.stdout.write(`${redactor.redact(JSON.stringify(value))}\n`);
  const controller = new AbortController();
  // Ctrl-C, SIGTERM and a closed terminal (SIGHUP) all end the turn cleanly: tools stopped, the session consistent
  const signals = watchTerminationSignals((signal) =>
    controller.abort(new Error(signal === "SIGINT" ? "interrupted by the user" : `stopped by ${signal}`)),
  );
  const interruptedCode = () => signals.exitCode ?? EXIT_INTERRUPTED;

  let session: AgentSession | undefined;
  try {
    // approvals come from a person at the terminal; stdin answers only when the caller says so explicitly
    const prompter = flags.approvalsFromStdin
      ? createStreamPrompter({ input: process.stdin, output: io.stderr })
      : terminalAvailable()
        ? createTerminalPrompter(io.stderr)
        : undefined;
    // a retry wait: one stderr line when it is long enough to notice, and a system/retry line in stream-json
    const onRetry = (info: RetryInfo) => {
      if (format === "stream-json") writeJsonLine(retryEvent(info, session?.id));
      if (info.waitMs > RETRY_NOTICE_MIN_MS) writeErr(formatRetryLine(info));
    };
    session = await createAgentSession({ cwd: io.cwd, env: io.env, flags, prompter, warn: (message) => writeErr(`axion: warning: ${message}`), notice: writeErr, onRetry, redactor });
    const current = session;
    startupProfile.mark("session_ready");
    // one turn and done: give configured MCP servers their start-up window so their tools are there
    await current.mcp?.ready();
    if (format === "stream-json") {
      writeJsonLine({
        type: "system",
        subtype: "init",
        session_id: current.id,
        model: current.model,
        provider: current.client.provider,
        cwd: current.cwd,
        permission_mode: current.permissionMode,
        tools: current.tools.list().map((tool) => tool.name),
      });
    }
    let wroteText = false;
    let firstEvent = true;
    const onEvent = (event: AgentEvent) => {
      if (firstEvent && event.type !== "iteration_start") {
        firstEvent = false;
        startupProfile.mark("first_model_event");
      }
      if (format === "stream-json") {
        writeJsonLine(event);
        return;
      }
      if (event.type === "warning") writeErr(`axion: warning: ${event.message}`);
      if (event.type === "notice") writeErr(`hook: ${event.message}`);
      if (event.type === "compaction" && (format === "text" || flags.verbose)) writeErr(event.notice);
      if (format !== "text") return;
      if (event.type === "text_delta") {
        io.stdout.write(redactor.redact(event.text));
        wroteText = event.text.length > 0 || wroteText;
      } else if (event.type === "tool_use") {
        if (wroteText) io.stdout.write("\n");
        wroteText = false;
        writeErr(formatToolCall(event.name, event.input));
      } else if (event.type === "tool_result") {
        writeErr(formatToolResult(event.output, event.isError));
      }
    };
    const turn: TurnResult = await current.run(expandSlashCommand(prompt, current), { signal: controller.signal, onEvent });
    startupProfile.mark("turn_done");
    if (format === "text") {
      if (wroteText) io.stdout.write("\n");
      if (flags.verbose) {
        const usage = turn.usage;
        writeErr(`tokens: ${usage.input_tokens} in, ${usage.output_tokens} out · cost ${current.priceUsd(turn)} · ${turn.iterations} model calls · session ${current.id}`);
      }
    } else {
      const result = buildJsonResult(turn, { model: current.model, sessionId: current.id, formatUsd: () => current.priceUsd(turn) });
      if (format === "json") io.stdout.write(`${redactor.redact(JSON.stringify(result, null, 2))}\n`);
      else writeJsonLine({ type: "result", ...result });
    }
    if (turn.stopReason === "aborted") {
      writeErr(signals.signal === undefined || signals.signal === "SIGINT" ? "axion: interrupted" : `axion: stopped by ${signals.signal}`);
      return interruptedCode();
    }
    if (turn.stopReason !== "end_turn" && turn.stopReason !== "max_tokens") {
      writeErr(`axion: ${turn.stopMessage}`);
      return EXIT_ERROR;
    }
    return EXIT_OK;
  } catch (error) {
    const message = formatError(error);
    if (format !== "text") writeJsonLine({ error: message });
    writeErr(`axion: ${message}`);
    return controller.signal.aborted ? interruptedCode() : EXIT_ERROR;
  } finally {
    signals.dispose();
    await session?.close();
  }
}

/**
 * `/name args` runs a markdown command from `.axion/commands`, `.claude/commands` or a plugin: its body,
 * with `$ARGUMENTS` / `$1`… filled in, is the prompt. Anything else is sent as typed.
 */
export function expandSlashCommand(prompt: string, session: Pick<AgentSession, "markdownCommands">): string {
  const parsed = parseSlashCommand(prompt);
  if (!parsed) return prompt;
  const command = session.markdownCommands.find(parsed.name);
  if (!command) {
    const known = session.markdownCommands.list().map((entry) => entry.name);
    const suggestions = suggestCommands(parsed.name, known);
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((name) => `/${name}`).join(", ")}?` : "";
    throw new UsageError(`unknown command /${parsed.name}.${hint}`);
  }
  return renderCommand(command, parsed.args);
}

