export { agentTool } from "./agent.js";
export { BASH_DEFAULT_TIMEOUT_MS, BASH_MAX_OUTPUT_BYTES, BASH_MAX_TIMEOUT_MS, bashTool, formatBashOutput } from "./bash.js";
export { builtinTools } from "./builtin-tools.js";
export type { DefinedTool, ToolDefinition } from "./define-tool.js";
export { defineTool, validateInput } from "./define-tool.js";
export { editTool } from "./edit.js";
export type { FileDiffDisplay } from "./file-diff.js";
export { fileDiff } from "./file-diff.js";
export { GLOB_MAX_RESULTS, globTool } from "./glob.js";
export { GREP_DEFAULT_HEAD_LIMIT, grepTool } from "./grep.js";
export type { HostLookup } from "./network-guard.js";
export { assertFetchableUrl, isPrivateAddress } from "./network-guard.js";
export { notebookEditTool } from "./notebook-edit.js";
export { numberLines, READ_DEFAULT_LIMIT, READ_MAX_IMAGE_BYTES, READ_MAX_LINE_LENGTH, readTool } from "./read.js";
export { ripgrepPath } from "./ripgrep.js";
export { skillTool } from "./skill.js";
export type { TodoItem, TodoStatus } from "./todo-store.js";
export { TodoStore } from "./todo-store.js";
export { formatTodos, todoWriteTool } from "./todo-write.js";
export type { ToolFilter } from "./tool-registry.js";
export { createToolRegistry, filterTools, ToolRegistryError } from "./tool-registry.js";
export { rankTools, TOOL_SEARCH_DEFAULT_RESULTS, toolSearchTool } from "./tool-search.js";
export type {
  BackgroundTaskStarter,
  BuiltinToolServices,
  SkillCatalog,
  SkillSummary,
  SubagentOptions,
  SubagentRunner,
  WebSearchBackend,
  WebSearchResult,
} from "./tool-services.js";
export { servicesOf } from "./tool-services.js";
export { WEB_FETCH_MAX_CHARACTERS, WEB_FETCH_TIMEOUT_MS, webFetchTool } from "./web-fetch.js";
export { DUCKDUCKGO_HTML_URL, duckDuckGoSearch, parseDuckDuckGoHtml, WEB_SEARCH_MAX_RESULTS, webSearchTool } from "./web-search.js";
export { writeTool } from "./write.js";
export type { SubagentType, SubagentTypeCatalog } from "./bridges/agents-catalog.js";
export { agentsCatalog } from "./bridges/agents-catalog.js";
export { checkJsonSchema } from "./bridges/json-schema-check.js";
export { pluginToolsFor } from "./bridges/plugin-tools.js";
export { listMcpResourcesTool } from "./mcp-bridge/list-mcp-resources-tool.js";
export { mcpResultToToolOutput, resourceContentsToParts } from "./mcp-bridge/mcp-result-to-output.js";
export type { McpToolHost } from "./mcp-bridge/mcp-tools-for.js";
export { mcpToolsFor } from "./mcp-bridge/mcp-tools-for.js";
export { readMcpResourceTool } from "./mcp-bridge/read-mcp-resource-tool.js";
export { TOOL_MAIN_FIELDS } from "./tool-main-fields.js";
