import type { ToolContext, ToolRegistry } from "@axion/runtime";
import { ToolError } from "@axion/runtime";
import type { TodoStore } from "./todo-store.js";

/** One web search hit. */
export interface WebSearchResult {
  title: string;
  url: string;
  snippet: string;
}

export type WebSearchBackend = (query: string, signal: AbortSignal) => Promise<WebSearchResult[]>;

/** What the Agent tool asks the host to run. */
export interface SubagentOptions {
  description: string;
  prompt: string;
  subagentType?: string | undefined;
  model?: string | undefined;
}

export type SubagentRunner = (options: SubagentOptions, signal: AbortSignal) => Promise<string>;

export interface SkillSummary {
  name: string;
  description: string;
}

/** Skills the host knows about; `load` returns the SKILL.md body (without front matter) or undefined. */
export interface SkillCatalog {
  list(): SkillSummary[];
  load(name: string): Promise<string | undefined>;
}

export interface BackgroundTaskStarter {
  start(
    command: string,
    options: { cwd: string; env?: Record<string, string | undefined> },
  ): Promise<{ id: string; pid: number; logPath: string }>;
}

/**
 * The services built-in tools read from `context.services`. Each is optional; a tool whose service is
 * missing fails with a `ToolError` that says so.
 */
export interface BuiltinToolServices {
  todos?: TodoStore;
  runSubagent?: SubagentRunner;
  skills?: SkillCatalog;
  toolRegistry?: ToolRegistry;
  webSearch?: WebSearchBackend;
  /** Lets WebFetch reach loopback, private and link-local addresses. */
  webFetchAllowPrivate?: boolean;
  backgroundTasks?: BackgroundTaskStarter;
}

/** A typed view of `context.services`. */
export function servicesOf(context: Pick<ToolContext, "services">): BuiltinToolServices {
  return context.services as BuiltinToolServices;
}

/** The service `name`, or a `ToolError` naming what the host did not provide. */
export function requireService<Name extends keyof BuiltinToolServices>(
  context: Pick<ToolContext, "services">,
  name: Name,
  toolName: string,
): NonNullable<BuiltinToolServices[Name]> {
  const service = servicesOf(context)[name];
  if (service === undefined || service === null) {
    throw new ToolError(`${toolName} is not available in this session: the host provides no ${name} service`, "service_missing");
  }
  return service as NonNullable<BuiltinToolServices[Name]>;
}
