export type { AuthorizeMcpServerOptions } from "./authorize-mcp-server.js";
export { authorizeMcpServer } from "./authorize-mcp-server.js";
export { expandEnvInValue, expandEnvReferences, McpConfigError } from "./expand-env.js";
export type { FileOAuthClientProviderOptions, McpCredentialsFile } from "./file-oauth-provider.js";
export {
  deleteMcpCredentials,
  FileOAuthClientProvider,
  mcpCredentialsPath,
  readMcpCredentials,
  writeMcpCredentials,
} from "./file-oauth-provider.js";
export { loadProjectMcpJson, PROJECT_MCP_FILE } from "./load-project-mcp-json.js";
export type { McpCallToolOptions, McpManagerOptions } from "./mcp-manager.js";
export { DEFAULT_MAX_RESTARTS, DEFAULT_STARTUP_TIMEOUT_MS, DEFAULT_TOOL_CALL_TIMEOUT_MS, McpManager } from "./mcp-manager.js";
export type { McpServerErrorCode } from "./mcp-server-error.js";
export { McpServerError } from "./mcp-server-error.js";
export type {
  McpCallToolResult,
  McpContent,
  McpReadResourceResult,
  McpResourceContents,
  McpResourceInfo,
  McpServerState,
  McpServerStatus,
  McpToolAnnotations,
  McpToolInfo,
} from "./mcp-types.js";
export type { OAuthCallbackServer } from "./oauth-callback-server.js";
export { startOAuthCallbackServer } from "./oauth-callback-server.js";
export type {
  McpOAuthConfig,
  McpRemoteServerConfig,
  McpServerConfig,
  McpServerConfigError,
  McpServersSource,
  McpStdioServerConfig,
  ParsedMcpServers,
} from "./server-config.js";
export { parseMcpServers } from "./server-config.js";
export { mcpToolName, normalizeMcpNamePart } from "./tool-name.js";
