/** A tool result found in a request, whatever the wire format. */
export interface ToolResultView {
  /** The tool-use / call id it answers (absent in Ollama). */
  toolUseId: string | undefined;
  /** The tool name, when the format carries it (Ollama `tool_name`) or it can be looked up. */
  toolName: string | undefined;
  content: string;
  isError: boolean;
}

/** A tool call the assistant made earlier in the conversation. */
export interface ToolUseView {
  id: string | undefined;
  name: string;
}

/** One message reduced to what the mock reacts to. */
export interface NormalizedMessage {
  role: "user" | "assistant" | "tool" | "system";
  /** Text written by the speaker (never the content of tool results). */
  texts: string[];
  toolResults: ToolResultView[];
  toolUses: ToolUseView[];
}

/** What the mock knows about a conversation. */
export interface ConversationView {
  /** The parity scenario named in the last user text (`PARITY_SCENARIO:<name>`). */
  scenario: string | undefined;
  /** The last user text (the prompt this request answers). */
  lastUserText: string | undefined;
  /** Tool results that arrived after that prompt, in order, with names filled in where known. */
  toolResults: ToolResultView[];
}

const SCENARIO_TOKEN = /PARITY_SCENARIO:([A-Za-z0-9_-]+)/g;

/** The last `PARITY_SCENARIO:<name>` token in a text. */
export function findScenarioToken(text: string): string | undefined {
  let found: string | undefined;
  for (const match of text.matchAll(SCENARIO_TOKEN)) found = match[1];
  return found;
}

/**
 * Find the prompt this request answers: walk user messages from the end; a user message holding
 * the scenario token wins; a user message with text and no tool results ends the walk (a fresh prompt).
 * Messages that only carry tool results (with or without extra text) are stepped over.
 */
export function buildConversationView(messages: NormalizedMessage[]): ConversationView {
  let promptIndex = -1;
  let scenario: string | undefined;
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message === undefined || message.role !== "user" || message.texts.length === 0) continue;
    const token = findScenarioToken(message.texts.join("\n"));
    if (token !== undefined) {
      promptIndex = index;
      scenario = token;
      break;
    }
    if (message.toolResults.length === 0) {
      promptIndex = index;
      break;
    }
  }
  const names = new Map<string, string>();
  const toolResults: ToolResultView[] = [];
  for (const message of messages.slice(promptIndex + 1)) {
    for (const use of message.toolUses) if (use.id !== undefined) names.set(use.id, use.name);
    for (const result of message.toolResults) {
      const toolName = result.toolName ?? (result.toolUseId !== undefined ? names.get(result.toolUseId) : undefined);
      toolResults.push({ ...result, toolName });
    }
  }
  const prompt = promptIndex >= 0 ? messages[promptIndex] : undefined;
  return { scenario, lastUserText: prompt?.texts.join("\n"), toolResults };
}

/** Text of a content value that is either a string or a list of `{type, text}` parts. */
export function textOfContent(content: unknown, textTypes: readonly string[]): string[] {
  if (typeof content === "string") return content.length > 0 ? [content] : [];
  if (!Array.isArray(content)) return [];
  const texts: string[] = [];
  for (const part of content) {
    if (isRecord(part) && typeof part["type"] === "string" && textTypes.includes(part["type"]) && typeof part["text"] === "string") {
      texts.push(part["text"]);
    }
  }
  return texts;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
