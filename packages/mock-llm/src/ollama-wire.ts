import { isRecord, textOfContent, type NormalizedMessage } from "./conversation-view.js";
import type { ResolvedTurn } from "./resolve-turn.js";
import type { RenderContext, WireAdapter } from "./wire-adapter.js";

/** Ollama native chat: `POST /api/chat` (NDJSON stream unless `stream: false`). */
export const ollamaWire: WireAdapter = {
  wireFormat: "ollama",
  requestIdHeader: "x-request-id",
  streamContentType: "application/x-ndjson",
  keepAliveFrame: "\n",
  toolIdPrefix: "call_mock",
  validate(body) {
    if (!Array.isArray(body["messages"])) return 'field "messages" must be an array';
    return undefined;
  },
  isStream: (body) => body["stream"] !== false,
  readConversation(body) {
    const messages: NormalizedMessage[] = [];
    for (const message of body["messages"] as unknown[]) {
      if (!isRecord(message)) continue;
      const content = textOfContent(message["content"], ["text"]);
      if (message["role"] === "tool") {
        const toolName = typeof message["tool_name"] === "string" ? message["tool_name"] : typeof message["name"] === "string" ? message["name"] : undefined;
        const toolUseId = typeof message["tool_call_id"] === "string" ? message["tool_call_id"] : undefined;
        messages.push({ role: "tool", texts: [], toolUses: [], toolResults: [{ toolUseId, toolName, content: content.join("\n"), isError: false }] });
        continue;
      }
      const role = message["role"] === "assistant" ? "assistant" : message["role"] === "user" ? "user" : "system";
      const toolUses = (Array.isArray(message["tool_calls"]) ? message["tool_calls"] : []).flatMap((call: unknown) => {
        if (!isRecord(call) || !isRecord(call["function"]) || typeof call["function"]["name"] !== "string") return [];
        return [{ id: typeof call["id"] === "string" ? call["id"] : undefined, name: call["function"]["name"] }];
      });
      messages.push({ role, texts: content, toolResults: [], toolUses });
    }
    return messages;
  },
  renderStream(turn, context) {
    const lines: string[] = [];
    const line = (value: unknown): string => `${JSON.stringify(value)}\n`;
    for (const piece of turn.textChunks) {
      lines.push(line({ ...chunkShell(context), message: { role: "assistant", content: piece }, done: false }));
    }
    if (turn.toolCalls.length > 0) {
      lines.push(line({ ...chunkShell(context), message: { role: "assistant", content: "", tool_calls: toolCallsOf(turn) }, done: false }));
    }
    lines.push(line({ ...chunkShell(context), message: { role: "assistant", content: "" }, ...finalFields(turn) }));
    return lines;
  },
  renderJson(turn, context) {
    const message: Record<string, unknown> = { role: "assistant", content: turn.text };
    if (turn.toolCalls.length > 0) message["tool_calls"] = toolCallsOf(turn);
    return { ...chunkShell(context), message, ...finalFields(turn) };
  },
  errorBody(_status, message) {
    return { error: message };
  },
};

function chunkShell(context: RenderContext): Record<string, unknown> {
  return { model: context.model, created_at: new Date(context.createdAt * 1000).toISOString() };
}

function toolCallsOf(turn: ResolvedTurn): unknown[] {
  return turn.toolCalls.map((call) => ({ function: { name: call.name, arguments: call.input } }));
}

function finalFields(turn: ResolvedTurn): Record<string, unknown> {
  return {
    done: true,
    done_reason: turn.stopReason === "max_tokens" ? "length" : "stop",
    total_duration: 1_000_000,
    load_duration: 100_000,
    prompt_eval_count: turn.usage.input_tokens,
    prompt_eval_duration: 200_000,
    eval_count: turn.usage.output_tokens,
    eval_duration: 700_000,
  };
}

/** The model list `GET /api/tags` returns. */
export function ollamaTags(): unknown {
  const details = (family: string, parameterSize: string) => ({
    parent_model: "",
    format: "gguf",
    family,
    families: [family],
    parameter_size: parameterSize,
    quantization_level: "Q4_K_M",
  });
  return {
    models: [
      {
        name: "qwen2.5-coder:latest",
        model: "qwen2.5-coder:latest",
        modified_at: "2025-01-01T00:00:00.000000000Z",
        size: 4_683_087_332,
        digest: "2b0496514337a3d5901f1d253d01726c890b721e891335a56d6e08cedf3e2cb0",
        details: details("qwen2", "7.6B"),
      },
      {
        name: "llama3.1:latest",
        model: "llama3.1:latest",
        modified_at: "2025-01-01T00:00:00.000000000Z",
        size: 4_920_753_328,
        digest: "46e0c10c039e019119339687c3c1757cc81b9da49709a3b3924863ba87ca666e",
        details: details("llama", "8.0B"),
      },
    ],
  };
}
