/**
 * Hand-written checks for the common shapes of message records. They accept only what the zod schemas accept
 * unchanged (no unknown keys, no transforms), so a record that passes here is exactly what zod would return; any
 * other record goes through zod, which gives the error message or the unknown-block fallback.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Json, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

const TEXT_KEYS = new Set(["type", "text"]);
const TOOL_USE_KEYS = new Set(["type", "id", "name", "input"]);
const TOOL_RESULT_KEYS = new Set(["type", "tool_use_id", "content", "is_error"]);
const THINKING_KEYS = new Set(["type", "thinking", "signature"]);
const MESSAGE_KEYS = new Set(["role", "content"]);
const USAGE_KEYS = new Set(["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"]);
const RECORD_KEYS = new Set(["type", "message", "usage", "model", "timestamp"]);

function isText(block: Json): boolean {
  return typeof block.text === "string" && onlyKeys(block, TEXT_KEYS);
}

function isSimpleBlock(block: unknown): boolean {
  if (!isObject(block)) return false;
  switch (block.type) {
    case "text":
      return isText(block);
    case "tool_use":
      return (
        typeof block.id === "string" &&
        typeof block.name === "string" &&
        isObject(block.input) &&
        onlyKeys(block, TOOL_USE_KEYS)
      );
    case "tool_result": {
      if (typeof block.tool_use_id !== "string" || !onlyKeys(block, TOOL_RESULT_KEYS)) return false;
      if (block.is_error !== undefined && typeof block.is_error !== "boolean") return false;
      const content = block.content;
      if (typeof content === "string") return true;
      return Array.isArray(content) && content.every((part) => isObject(part) && part.type === "text" && isText(part));
    }
    case "thinking":
      return typeof block.thinking === "string" && typeof block.signature === "string" && onlyKeys(block, THINKING_KEYS);
    default:
      return false;
  }
}

function isCount(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function isSimpleUsage(value: unknown): boolean {
  return (
    isObject(value) &&
    onlyKeys(value, USAGE_KEYS) &&
    isCount(value.input_tokens) &&
    isCount(value.output_tokens) &&
    isCount(value.cache_creation_input_tokens) &&
    isCount(value.cache_read_input_tokens)
  );
}

/** True when `value` is a message record zod would accept and return unchanged. */
export function isSimpleMessageRecord(value: Json): boolean {
  if (!onlyKeys(value, RECORD_KEYS) || typeof value.timestamp !== "string") return false;
  if (value.model !== undefined && typeof value.model !== "string") return false;
  if (value.usage !== undefined && !isSimpleUsage(value.usage)) return false;
  const message = value.message;
  if (!isObject(message) || !onlyKeys(message, MESSAGE_KEYS)) return false;
  if (message.role !== "user" && message.role !== "assistant") return false;
  if (typeof message.content === "string") return true;
  return Array.isArray(message.content) && message.content.every(isSimpleBlock);
}
