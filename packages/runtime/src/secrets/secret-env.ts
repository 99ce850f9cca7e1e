/**
 * The environment variables that hold axion's own provider credentials. Child processes (Bash, hooks, MCP servers,
 * plugins) do not inherit them: a command the model runs, or a project's hook, has no business with the user's key.
 */
const SECRET_ENV_NAMES: ReadonlySet<string> = new Set([
  "ANTHROPIC_API_KEY",
  "OPENAI_API_KEY",
  "XAI_API_KEY",
  "OPENAI_COMPATIBLE_API_KEY",
  "CLAUDE_CODE_OAUTH_TOKEN",
]);

/** `*_AUTH_TOKEN` (Anthropic's bearer token and its kin) and `*_OAUTH_TOKEN`. */
const SECRET_ENV_SUFFIX = /_(?:AUTH|OAUTH)_TOKEN$/;

/** Whether `name` holds one of axion's provider credentials. */
export function isSecretEnvName(name: string): boolean {
  return SECRET_ENV_NAMES.has(name) || SECRET_ENV_SUFFIX.test(name);
}

/**
 * The environment a child process gets: `env` without axion's provider credentials, then the settings `env` laid
 * over it. A credential reaches a child only when the settings name it in `env` — an explicit choice of the user.
 */
export function childProcessEnv(
  env: Readonly<Record<string, string | undefined>>,
  settingsEnv?: Readonly<Record<string, string>> | undefined,
): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) if (!isSecretEnvName(name)) result[name] = value;
  return { ...result, ...(settingsEnv ?? {}) };
}
