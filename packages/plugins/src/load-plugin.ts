import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, isAbsolute, join, relative, resolve } from "node:path";
import { expandPluginRoot } from "./expand-plugin-root.js";
import type { ExtensionError } from "./extensions/extension-error.js";
import { readAgents } from "./extensions/load-agents.js";
import { readMarkdownCommands } from "./extensions/load-markdown-commands.js";
import { readSkills } from "./extensions/load-skills.js";
import { findPluginManifest, MANIFEST_CANDIDATES, pluginId } from "./manifest-location.js";
import type { PluginHooksConfig } from "./manifest/plugin-hooks.js";
import { mergePluginHooks, parsePluginHooks } from "./manifest/plugin-hooks.js";
import type { PluginMcpServers } from "./manifest/plugin-mcp-servers.js";
import { parsePluginMcpServers } from "./manifest/plugin-mcp-servers.js";
import type { PluginManifest } from "./manifest/plugin-manifest.js";
import { describeJsonError, parsePluginManifest } from "./manifest/plugin-manifest.js";
import type { PluginErrorCode } from "./plugin-error.js";
import { PluginError } from "./plugin-error.js";
import type { LoadedPlugin, PluginSource, PluginTool } from "./plugin-types.js";

export interface LoadPluginOptions {
  /** `enabledPlugins` from settings: `"<name>@<source>": true|false`. */
  enabledPlugins?: Readonly<Record<string, boolean>> | undefined;
}

export interface LoadPluginResult {
  /** Undefined when the manifest, hooks or MCP config is broken. */
  plugin: LoadedPlugin | undefined;
  /** Why the plugin did not load, or which of its commands, agents or skills were left out. */
  errors: PluginError[];
}

class PluginLoadFailure extends Error {
  constructor(readonly error: PluginError) {
    super(error.message);
  }
}

/** Loads the plugin in folder `root`: manifest, tools, hooks, MCP servers, commands, agents and skills. */
export function loadPlugin(root: string, source: PluginSource, options: LoadPluginOptions = {}): LoadPluginResult {
  const absoluteRoot = resolve(root);
  const folderName = basename(absoluteRoot);
  const manifestPath = findPluginManifest(absoluteRoot);
  if (manifestPath === undefined) {
    const reason = `no plugin manifest (looked for ${MANIFEST_CANDIDATES.join(", ")})`;
    return { plugin: undefined, errors: [new PluginError("plugin_manifest_missing", reason, { pluginName: folderName, source, file: absoluteRoot })] };
  }
  const text = readFileSync(manifestPath, "utf8");
  const parsed = parsePluginManifest(text);
  if (!parsed.ok) {
    const code: PluginErrorCode = parsed.message.startsWith("invalid JSON") ? "plugin_json_invalid" : "plugin_manifest_invalid";
    const details = { pluginName: nameFromText(text) ?? folderName, source, file: manifestPath, field: parsed.field, line: parsed.line };
    return { plugin: undefined, errors: [new PluginError(code, parsed.message, details)] };
  }
  const manifest = parsed.manifest;
  const context: LoadContext = { root: absoluteRoot, manifest, manifestPath, source, componentErrors: [] };
  try {
    const id = pluginId(manifest.name, source);
    const plugin: LoadedPlugin = {
      id,
      name: manifest.name,
      source,
      root: absoluteRoot,
      manifestPath,
      manifest,
      enabled: options.enabledPlugins?.[id] ?? manifest.defaultEnabled,
      tools: manifest.tools.map((tool, index) => resolveTool(context, tool, index)),
      hooks: loadHooks(context),
      mcpServers: loadMcpServers(context),
      commands: [],
      agents: [],
      skills: [],
      lifecycle: {
        init: (manifest.lifecycle?.init ?? []).map((command) => expandPluginRoot(command, absoluteRoot)),
        shutdown: (manifest.lifecycle?.shutdown ?? []).map((command) => expandPluginRoot(command, absoluteRoot)),
      },
    };
    loadComponents(context, plugin);
    return { plugin, errors: context.componentErrors };
  } catch (error) {
    if (error instanceof PluginLoadFailure) return { plugin: undefined, errors: [error.error] };
    throw error;
  }
}

interface LoadContext {
  root: string;
  manifest: PluginManifest;
  manifestPath: string;
  source: PluginSource;
  componentErrors: PluginError[];
}

function fail(context: LoadContext, code: PluginErrorCode, reason: string, details: { file?: string; field?: string; line?: number | undefined }): never {
  throw new PluginLoadFailure(
    new PluginError(code, reason, {
      pluginName: context.manifest.name,
      source: context.source,
      ...details,
      file: details.file ?? context.manifestPath,
    }),
  );
}

function nameFromText(text: string): string | undefined {
  try {
    const raw = JSON.parse(text) as unknown;
    if (typeof raw === "object" && raw !== null && typeof (raw as Record<string, unknown>)["name"] === "string") {
      const name = (raw as Record<string, unknown>)["name"] as string;
      return name === "" ? undefined : name;
    }
  } catch {
    // The caller reports the JSON error itself.
  }
  return undefined;
}

/** `path` (from the manifest) resolved inside the plugin folder, or a failure naming `field`. */
function insideRoot(context: LoadContext, path: string, field: string): string {
  const absolute = resolve(context.root, expandPluginRoot(path, context.root));
  const fromRoot = relative(context.root, absolute);
  if (fromRoot.startsWith("..") || isAbsolute(fromRoot)) {
    fail(context, "plugin_manifest_invalid", `path "${path}" leaves the plugin folder`, { field });
  }
  return absolute;
}

function resolveTool(context: LoadContext, tool: PluginManifest["tools"][number], index: number): PluginTool {
  const expanded = expandPluginRoot(tool.command, context.root);
  const isPath = isAbsolute(expanded) || expanded.includes("/") || expanded.includes("\\") || expanded.startsWith(".");
  const command = isPath ? resolve(context.root, expanded) : expanded;
  if (isPath && !(existsSync(command) && statSync(command).isFile())) {
    fail(context, "plugin_manifest_invalid", `command not found: ${command}`, { field: `tools[${index}].command` });
  }
  const resolved: PluginTool = {
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    command,
    args: (tool.args ?? []).map((arg) => expandPluginRoot(arg, context.root)),
    requiredPermission: tool.requiredPermission,
  };
  if (tool.timeoutMs !== undefined) resolved.timeoutMs = tool.timeoutMs;
  return resolved;
}

function readJsonFile(context: LoadContext, file: string, code: PluginErrorCode): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return fail(context, code, `cannot read: ${error instanceof Error ? error.message : String(error)}`, { file });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const described = describeJsonError(text, error);
    return fail(context, "plugin_json_invalid", described.message, { file, line: described.line });
  }
}

const DEFAULT_HOOKS_FILE = join("hooks", "hooks.json");

function loadHooks(context: LoadContext): PluginHooksConfig {
  const hooks: PluginHooksConfig = {};
  const defaultFile = join(context.root, DEFAULT_HOOKS_FILE);
  const addFile = (file: string): void => {
    const result = parsePluginHooks(readJsonFile(context, file, "plugin_hooks_invalid"), context.root, "");
    if (!result.ok) fail(context, "plugin_hooks_invalid", result.message, { file, field: result.field });
    mergePluginHooks(hooks, result.hooks);
  };
  if (existsSync(defaultFile)) addFile(defaultFile);
  const declared = context.manifest.hooks;
  if (declared === undefined) return hooks;
  if (typeof declared === "string") {
    const file = insideRoot(context, declared, "hooks");
    if (!existsSync(file)) fail(context, "plugin_hooks_invalid", `file not found: ${file}`, { field: "hooks" });
    if (file !== defaultFile) addFile(file);
    return hooks;
  }
  if (typeof declared !== "object" || declared === null || Array.isArray(declared)) {
    fail(context, "plugin_manifest_invalid", "expected an object of hook events or a path to a hooks JSON file", { field: "hooks" });
  }
  const result = parsePluginHooks(declared, context.root, "hooks");
  if (!result.ok) fail(context, "plugin_hooks_invalid", result.message, { field: result.field });
  mergePluginHooks(hooks, result.hooks);
  return hooks;
}

function loadMcpServers(context: LoadContext): PluginMcpServers {
  const servers: PluginMcpServers = {};
  const origins = new Map<string, string>();
  const add = (found: PluginMcpServers, file: string, prefix: string): void => {
    for (const [name, config] of Object.entries(found)) {
      const earlier = origins.get(name);
      if (earlier !== undefined) {
        fail(context, "plugin_mcp_invalid", `server "${name}" is also defined in ${earlier}`, { file, field: prefix === "" ? name : `${prefix}.${name}` });
      }
      origins.set(name, file);
      servers[name] = config;
    }
  };
  const addFile = (file: string): void => {
    const result = parsePluginMcpServers(readJsonFile(context, file, "plugin_mcp_invalid"), context.root, "");
    if (!result.ok) fail(context, "plugin_mcp_invalid", result.message, { file, field: result.field });
    add(result.servers, file, "");
  };
  const defaultFile = join(context.root, ".mcp.json");
  if (existsSync(defaultFile)) addFile(defaultFile);
  const declared = context.manifest.mcpServers;
  if (declared === undefined) return servers;
  if (typeof declared === "string") {
    const file = insideRoot(context, declared, "mcpServers");
    if (!existsSync(file)) fail(context, "plugin_mcp_invalid", `file not found: ${file}`, { field: "mcpServers" });
    if (file !== defaultFile) addFile(file);
    return servers;
  }
  const result = parsePluginMcpServers(declared, context.root, "mcpServers");
  if (!result.ok) fail(context, "plugin_mcp_invalid", result.message, { field: result.field });
  add(result.servers, context.manifestPath, "mcpServers");
  return servers;
}

/** The default folder plus the manifest's extra paths, each once; a declared path that does not exist fails. */
function componentPaths(context: LoadContext, kind: "commands" | "agents" | "skills"): string[] {
  const paths = [join(context.root, kind)];
  for (const [index, declared] of (context.manifest[kind] ?? []).entries()) {
    const path = insideRoot(context, declared, `${kind}[${index}]`);
    if (!existsSync(path)) fail(context, "plugin_manifest_invalid", `path not found: ${path}`, { field: `${kind}[${index}]` });
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}

function loadComponents(context: LoadContext, plugin: LoadedPlugin): void {
  const options = { source: `plugin:${plugin.id}`, pluginName: plugin.name, pluginRoot: plugin.root };
  const report = (errors: ExtensionError[]): void => {
    for (const error of errors) {
      context.componentErrors.push(
        new PluginError("plugin_component_invalid", error.reason, {
          pluginName: plugin.name,
          source: plugin.source,
          file: error.file,
          line: error.line,
          field: error.field,
        }),
      );
    }
  };
  const commandPaths = componentPaths(context, "commands");
  const agentPaths = componentPaths(context, "agents");
  const skillPaths = componentPaths(context, "skills");
  for (const path of commandPaths) {
    const result = readMarkdownCommands(path, options);
    plugin.commands.push(...result.commands);
    report(result.errors);
  }
  for (const path of agentPaths) {
    const result = readAgents(path, options);
    plugin.agents.push(...result.agents);
    report(result.errors);
  }
  for (const path of skillPaths) {
    const result = readSkills(path, options);
    plugin.skills.push(...result.skills);
    report(result.errors);
  }
}
