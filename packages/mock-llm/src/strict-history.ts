import { isRecord } from "./conversation-view.js";
import type { WireFormat } from "./mock-types.js";

/** A history the real API refuses: the HTTP status and the JSON body it answers with. */
export interface StrictRejection {
  status: 400;
  body: unknown;
}

/**
 * Strict mode: checks the conversation of a generation request the way the real API does and returns the
 * rejection it would send, or undefined when the history is valid.
 *
 * - Anthropic: consecutive messages of one role are combined first (as the API does); then every `tool_use` needs
 *   its `tool_result` in the next (user) turn, before any other block of that turn; every `tool_result` needs its
 *   `tool_use` in the previous (assistant) turn; no message but a final assistant one may be empty.
 * - OpenAI chat: an assistant message with `tool_calls` must be followed by `tool` messages answering every
 *   `tool_call_id`; a `tool` message must answer a `tool_calls` entry of the assistant message before its run.
 * - OpenAI Responses: every `function_call_output` needs an earlier `function_call` with its `call_id`, and every
 *   `function_call` needs a `function_call_output`.
 * - Ollama (the real server accepts any order; this is stricter on purpose): a `tool` message must follow an
 *   assistant message with `tool_calls` (possibly after other tool messages), and an assistant message with N
 *   `tool_calls` must be followed by N `tool` messages.
 */
export function checkStrictHistory(wireFormat: WireFormat, body: Record<string, unknown>): StrictRejection | undefined {
  switch (wireFormat) {
    case "anthropic":
      return checkAnthropic(body);
    case "openai-chat":
      return checkOpenAiChat(body);
    case "openai-responses":
      return checkResponses(body);
    case "ollama":
      return checkOllama(body);
    default:
      return undefined;
  }
}

function anthropicError(message: string): StrictRejection {
  return { status: 400, body: { type: "error", error: { type: "invalid_request_error", message } } };
}

function openAiError(message: string, param: string | null): StrictRejection {
  return { status: 400, body: { error: { message, type: "invalid_request_error", param, code: null } } };
}

interface AnthropicTurn {
  role: string;
  /** Index of the first message of the turn in `messages`. */
  index: number;
  blocks: { block: Record<string, unknown>; message: number; position: number }[];
}

function checkAnthropic(body: Record<string, unknown>): StrictRejection | undefined {
  const messages = Array.isArray(body["messages"]) ? (body["messages"] as unknown[]) : [];
  const turns: AnthropicTurn[] = [];
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message)) return anthropicError(`messages.${index}: Input should be a valid dictionary`);
    const role = message["role"];
    if (role !== "user" && role !== "assistant") return anthropicError(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    const content = message["content"];
    const blocks =
      typeof content === "string"
        ? content === ""
          ? []
          : [{ block: { type: "text", text: content }, message: index, position: 0 }]
        : Array.isArray(content)
          ? content.filter(isRecord).map((block, position) => ({ block, message: index, position }))
          : [];
    const isFinal = index === messages.length - 1;
    if (blocks.length === 0 && !(isFinal && role === "assistant")) {
      return anthropicError(`messages.${index}: all messages must have non-empty content except for the optional final assistant message`);
    }
    const previous = turns.at(-1);
    if (previous !== undefined && previous.role === role) previous.blocks.push(...blocks);
    else turns.push({ role, index, blocks });
  }
  for (const [position, turn] of turns.entries()) {
    if (turn.role === "assistant") {
      const ids = turn.blocks.filter(({ block }) => block["type"] === "tool_use").map(({ block }) => String(block["id"]));
      if (ids.length === 0) continue;
      const next = turns[position + 1];
      // the results must open the next turn: the leading run of tool_result blocks
      const leading = new Set<string>();
      for (const { block } of next?.blocks ?? []) {
        if (block["type"] !== "tool_result") break;
        leading.add(String(block["tool_use_id"]));
      }
      const missing = ids.filter((id) => !leading.has(id));
      if (missing.length > 0) {
        return anthropicError(
          `messages.${turn.index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
      }
    } else {
      const previous = turns[position - 1];
      const known = new Set(
        previous?.role === "assistant" ? previous.blocks.filter(({ block }) => block["type"] === "tool_use").map(({ block }) => String(block["id"])) : [],
      );
      for (const { block, message, position: at } of turn.blocks) {
        if (block["type"] !== "tool_result") continue;
        const id = String(block["tool_use_id"]);
        if (!known.has(id)) {
          return anthropicError(
            `messages.${message}.content.${at}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
          );
        }
      }
    }
  }
  return undefined;
}

function toolCallIds(message: Record<string, unknown>): string[] {
  const calls = Array.isArray(message["tool_calls"]) ? message["tool_calls"] : [];
  return calls.filter(isRecord).map((call) => String(call["id"]));
}

function checkOpenAiChat(body: Record<string, unknown>): StrictRejection | undefined {
  const messages = (Array.isArray(body["messages"]) ? (body["messages"] as unknown[]) : []).map((message) => (isRecord(message) ? message : {}));
  let open: { index: number; ids: Set<string>; answered: Set<string> } | undefined;
  const closeOpen = (): StrictRejection | undefined => {
    if (open === undefined) return undefined;
    const missing = [...open.ids].filter((id) => !open!.answered.has(id));
    const index = open.index;
    open = undefined;
    if (missing.length === 0) return undefined;
    return openAiError(
      `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(", ")}`,
      `messages.[${index}].role`,
    );
  };
  for (const [index, message] of messages.entries()) {
    if (message["role"] === "tool") {
      if (open === undefined) {
        return openAiError("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", `messages.[${index}].role`);
      }
      const id = String(message["tool_call_id"]);
      if (!open.ids.has(id)) {
        return openAiError(`Invalid parameter: 'tool_call_id' of '${id}' not found in 'tool_calls' of previous message.`, `messages.[${index}].tool_call_id`);
      }
      open.answered.add(id);
      continue;
    }
    const problem = closeOpen();
    if (problem !== undefined) return problem;
    if (message["role"] === "assistant") {
      const ids = toolCallIds(message);
      if (ids.length > 0) open = { index, ids: new Set(ids), answered: new Set() };
    }
  }
  return closeOpen();
}

function checkResponses(body: Record<string, unknown>): StrictRejection | undefined {
  const input = body["input"];
  if (!Array.isArray(input)) return undefined;
  const calls = new Set<string>();
  const outputs = new Set<string>();
  for (const item of input) {
    if (!isRecord(item)) continue;
    if (item["type"] === "function_call") calls.add(String(item["call_id"]));
    if (item["type"] === "function_call_output") {
      const id = String(item["call_id"]);
      if (!calls.has(id)) return openAiError(`No tool call found for function call output with call_id ${id}.`, "input");
      outputs.add(id);
    }
  }
  for (const id of calls) {
    if (!outputs.has(id)) return openAiError(`No tool output found for function call ${id}.`, "input");
  }
  return undefined;
}

function checkOllama(body: Record<string, unknown>): StrictRejection | undefined {
  const messages = (Array.isArray(body["messages"]) ? (body["messages"] as unknown[]) : []).map((message) => (isRecord(message) ? message : {}));
  let open: { index: number; expected: number; seen: number } | undefined;
  const reject = (message: string): StrictRejection => ({ status: 400, body: { error: message } });
  const closeOpen = (): StrictRejection | undefined => {
    if (open === undefined || open.seen >= open.expected) {
      open = undefined;
      return undefined;
    }
    const problem = reject(`messages[${open.index}]: assistant message with ${open.expected} tool_calls is followed by ${open.seen} tool messages`);
    open = undefined;
    return problem;
  };
  for (const [index, message] of messages.entries()) {
    if (message["role"] === "tool") {
      if (open === undefined) return reject(`messages[${index}]: tool message without a preceding assistant message with tool_calls`);
      open.seen += 1;
      continue;
    }
    const problem = closeOpen();
    if (problem !== undefined) return problem;
    if (message["role"] === "assistant") {
      const count = Array.isArray(message["tool_calls"]) ? message["tool_calls"].length : 0;
      if (count > 0) open = { index, expected: count, seen: 0 };
    }
  }
  return closeOpen();
}
