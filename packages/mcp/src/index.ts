export { expandEnvInValue, expandEnvReferences, McpConfigError } from "./expand-env.js";
export { mcpToolName, normalizeMcpNamePart } from "./tool-name.js";
