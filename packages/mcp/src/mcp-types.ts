/** Lifecycle of one configured server. */
export type McpServerStatus = "connecting" | "connected" | "failed" | "needs-auth" | "disabled";

/** What `/mcp` shows for a server. */
export interface McpServerState {
  name: string;
  type: "stdio" | "http" | "sse";
  /** The transport actually in use; `sse` when an `http` server fell back to SSE. */
  transport?: "stdio" | "streamable-http" | "sse";
  status: McpServerStatus;
  /** Why the server failed or needs auth (one line). */
  error?: string;
  /** The last lines the server wrote to stderr (stdio only). */
  stderr: string[];
  /** Restarts after a crash so far. */
  restarts: number;
  toolCount: number;
  /** Process id of the running stdio server. */
  pid?: number;
  serverInfo?: { name: string; version: string };
  instructions?: string;
}

/** Hints a server gives about a tool (MCP `ToolAnnotations`). */
export interface McpToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** A tool offered by a connected server. */
export interface McpToolInfo {
  server: string;
  /** The tool's own name on its server. */
  name: string;
  /** `mcp__<server>__<tool>`, as the model sees it. */
  qualifiedName: string;
  description: string;
  inputSchema: Record<string, unknown>;
  annotations?: McpToolAnnotations;
}

export type McpResourceContents =
  | { uri: string; mimeType?: string; text: string }
  | { uri: string; mimeType?: string; blob: string };

/** One content block of a tool result (MCP `ContentBlock`). */
export type McpContent =
  | { type: "text"; text: string }
  | { type: "image"; data: string; mimeType: string }
  | { type: "audio"; data: string; mimeType: string }
  | { type: "resource_link"; uri: string; name: string; description?: string; mimeType?: string }
  | { type: "resource"; resource: McpResourceContents };

/** The result of `tools/call`. */
export interface McpCallToolResult {
  content: McpContent[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  /** Result of servers on protocol 2024-10-07 and older. */
  toolResult?: unknown;
}

export interface McpResourceInfo {
  server: string;
  uri: string;
  name: string;
  description?: string;
  mimeType?: string;
}

export interface McpReadResourceResult {
  contents: McpResourceContents[];
}
