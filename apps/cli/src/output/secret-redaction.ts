import { collectSecretValues, resolveConfigHome, SecretRedactor } from "@axion/runtime";

let cached: { env: Readonly<Record<string, string | undefined>>; redactor: SecretRedactor } | undefined;

/**
 * The redactor for what this process prints before (or without) a session: provider keys from `env` and the saved
 * credentials. Errors from a provider may echo the key they were sent; they are printed through this.
 */
export function secretRedactorFor(env: Readonly<Record<string, string | undefined>>): SecretRedactor {
  if (cached?.env !== env) cached = { env, redactor: new SecretRedactor(collectSecretValues({ env, configHome: resolveConfigHome(env) })) };
  return cached.redactor;
}
