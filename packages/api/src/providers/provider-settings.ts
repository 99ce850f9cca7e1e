import type { HttpContext } from "../http-transport.js";
import type { ResolvedCredential } from "../credentials.js";
import type { ProviderName } from "../provider-client.js";
import type { RetrySettings } from "../retry.js";

/** What a provider client is built from; produced by createProviderClient. */
export interface ProviderSettings {
  provider: ProviderName;
  /** Wire model name. */
  model: string;
  /** Base URL without a trailing slash. */
  baseUrl: string;
  credentials: readonly ResolvedCredential[];
  /** Extra headers from the caller, sent with every request. */
  headers: Record<string, string>;
  http: HttpContext;
  retry: RetrySettings;
  reasoningEffort: "minimal" | "low" | "medium" | "high" | undefined;
}
