import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isSecretEnvName } from "./secret-env.js";

export const REDACTED_SECRET = "[REDACTED]";

/** Values shorter than this are not treated as secrets (they would redact ordinary words). */
const MIN_SECRET_LENGTH = 8;

/**
 * Replaces every known secret VALUE (the provider keys in the environment, the saved credential files, OAuth tokens)
 * with `[REDACTED]`, wherever it appears: a Bash `env` dump, a provider error that echoes the key, a hook's output.
 * Pattern-based redaction (sk-…, Bearer …) lives in @axion/telemetry; this one knows the exact values, so it also
 * catches keys of no recognisable shape.
 */
export class SecretRedactor {
  readonly #values = new Set<string>();
  #sorted: string[] | undefined;

  constructor(values: Iterable<string> = []) {
    for (const value of values) this.add(value);
  }

  /** Registers a secret value (ignored when shorter than 8 characters). */
  add(value: string | undefined): void {
    const trimmed = value?.trim();
    if (trimmed === undefined || trimmed.length < MIN_SECRET_LENGTH || this.#values.has(trimmed)) return;
    this.#values.add(trimmed);
    this.#sorted = undefined;
  }

  get size(): number {
    return this.#values.size;
  }

  /** `text` with every known secret replaced. */
  redact(text: string): string {
    if (this.#values.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
    // longest first, so a secret that contains another is replaced whole
    this.#sorted ??= [...this.#values].sort((left, right) => right.length - left.length);
    let result = text;
    for (const value of this.#sorted) if (result.includes(value)) result = result.split(value).join(REDACTED_SECRET);
    return result;
  }

  /** A copy of `value` with every string redacted (objects and arrays walked). */
  redactDeep<T>(value: T): T {
    if (this.#values.size === 0) return value;
    return walk(value, (text) => this.redact(text)) as T;
  }
}

function walk(value: unknown, redact: (text: string) => string, depth = 0): unknown {
  if (typeof value === "string") return redact(value);
  if (value === null || typeof value !== "object" || depth > 64) return value;
  if (Array.isArray(value)) return value.map((item) => walk(item, redact, depth + 1));
  const output: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) output[key] = walk(inner, redact, depth + 1);
  return output;
}

/**
 * Every secret value axion knows of: the environment's provider credentials and the files under
 * `<config home>/credentials/` (API keys, and the access/refresh tokens of OAuth token files).
 */
export function collectSecretValues(options: { env: Readonly<Record<string, string | undefined>>; configHome: string }): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(options.env)) if (value !== undefined && isSecretEnvName(name)) values.push(value);
  const directory = join(options.configHome, "credentials");
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return values;
  }
  for (const name of names) {
    let text: string;
    try {
      text = readFileSync(join(directory, name), "utf8");
    } catch {
      continue;
    }
    if (name.endsWith(".json")) values.push(...tokenValues(text));
    else values.push(text.trim());
  }
  return values;
}

function tokenValues(text: string): string[] {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return ["access_token", "refresh_token", "id_token", "accessToken", "refreshToken"].flatMap((key) =>
      typeof parsed[key] === "string" ? [parsed[key] as string] : [],
    );
  } catch {
    return [];
  }
}
