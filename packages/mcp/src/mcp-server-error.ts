export type McpServerErrorCode =
  | "mcp_unknown_server"
  | "mcp_server_unavailable"
  | "mcp_tool_timeout"
  | "mcp_request_failed"
  | "mcp_aborted"
  | "mcp_auth_failed";

/** A failure talking to one configured server; the message names the server. */
export class McpServerError extends Error {
  static readonly brand = Symbol.for("axion.error.McpServerError");
  readonly code: McpServerErrorCode;
  readonly serverName: string;

  constructor(code: McpServerErrorCode, serverName: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "McpServerError";
    this.code = code;
    this.serverName = serverName;
    Object.defineProperty(this, McpServerError.brand, { value: true });
  }

  static isInstance(value: unknown): value is McpServerError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[McpServerError.brand] === true;
  }
}
