import type { TelemetryEvent } from "./events.js";

export const REDACTED = "[REDACTED]";

/** Keys whose values are secrets whatever they look like. */
const SECRET_KEY_PATTERN =
  /^(?:x-api-key|api[-_]?key|apikey|authorization|proxy-authorization|cookie|set-cookie|password|passwd|secret|client[-_]?secret|access[-_]?token|refresh[-_]?token|id[-_]?token|auth[-_]?token|token|bearer|private[-_]?key)$/i;

/**
 * Secret shapes found inside free text. Each pattern replaces only the secret part, so the
 * surrounding text (an error message, a header dump) stays readable.
 */
const SECRET_TEXT_PATTERNS: ReadonlyArray<[RegExp, string | ((...groups: string[]) => string)]> = [
  // Authorization: Bearer <token> / Basic <token>
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, (_match, scheme) => `${scheme} ${REDACTED}`],
  // header dumps: "x-api-key: abc", "authorization=abc", JSON "api_key":"abc"
  [
    /((?:x-api-key|api[-_]?key|authorization|access[-_]?token|refresh[-_]?token|client[-_]?secret)["']?\s*[:=]\s*["']?(?:Bearer\s+|Basic\s+)?)(?!\[REDACTED\]|Bearer\b|Basic\b)[^\s"',;}]{4,}/gi,
    (_match, prefix) => `${prefix}${REDACTED}`,
  ],
  // OpenAI / Anthropic / OpenRouter style keys: sk-..., sk-ant-api03-..., sk-proj-..., sk-or-v1-...
  [/\bsk-[A-Za-z0-9_-]{8,}/g, REDACTED],
  // xAI keys
  [/\bxai-[A-Za-z0-9_-]{16,}/g, REDACTED],
  // GitHub tokens
  [/\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{16,}/g, REDACTED],
  // AWS access key ids
  [/\bAKIA[0-9A-Z]{16}\b/g, REDACTED],
  // Google API keys
  [/\bAIza[0-9A-Za-z_-]{30,}/g, REDACTED],
  // JSON web tokens (OAuth access / id tokens)
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, REDACTED],
];

/** Replaces every secret-shaped substring of `text`. */
export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of SECRET_TEXT_PATTERNS) {
    result = result.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  }
  return result;
}

/** Deep copy of `value` with secret-named keys and secret-shaped strings replaced by `[REDACTED]`. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 32) return "[TRUNCATED]";
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const output: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (SECRET_KEY_PATTERN.test(key) && inner !== null && inner !== undefined && inner !== "") {
      output[key] = REDACTED;
    } else {
      output[key] = redactValue(inner, depth + 1);
    }
  }
  return output;
}

/** A redacted copy of a telemetry event; the event's shape is preserved. */
export function redactEvent<E extends TelemetryEvent>(event: E): E {
  return redactValue(event) as E;
}
