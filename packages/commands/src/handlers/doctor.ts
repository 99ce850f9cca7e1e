import { accessSync, constants, existsSync } from "node:fs";
import { isAbsolute } from "node:path";
import { findCredentials } from "@axion/api";
import { ripgrepPath } from "@axion/tools";
import type { CommandHost, SlashCommand } from "../command-host.js";
import { describeSandboxStatus, findExecutable } from "@axion/runtime";
import { sandboxStateOf } from "../host-support/sandbox-state.js";

type Level = "ok" | "warn" | "fail";
const MARK: Readonly<Record<Level, string>> = { ok: "✓", warn: "!", fail: "✗" };
const MINIMUM_NODE: readonly [number, number] = [20, 19];

interface Check {
  level: Level;
  text: string;
}

/** `/doctor`: checks Node, credentials, settings, git, ripgrep, the sessions folder, the sandbox, MCP servers and plugins. */
export const doctorCommand: SlashCommand = {
  name: "doctor",
  category: "Info & Diagnostics",
  summary: "Check the installation and this session's setup",
  async run(_args, host) {
    const checks: Check[] = [
      nodeCheck(),
      credentialCheck(host),
      settingsCheck(host),
      await gitCheck(host),
      await ripgrepCheck(host),
      sessionsCheck(host),
      sandboxCheck(host),
      ...mcpChecks(host),
      ...extensionChecks(host),
    ];
    const problems = checks.filter((check) => check.level !== "ok").length;
    const lines = [`axion ${host.version} doctor`, ...checks.map((check) => `  ${MARK[check.level]} ${check.text}`)];
    lines.push("", problems === 0 ? "Everything looks fine." : `${problems} ${problems === 1 ? "item needs" : "items need"} attention.`);
    return { output: lines.join("\n") };
  },
};

function nodeCheck(): Check {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  const ok = major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1]);
  return { level: ok ? "ok" : "fail", text: `Node ${process.versions.node}${ok ? "" : ` (axion needs ${MINIMUM_NODE.join(".")} or newer)`}` };
}

function credentialCheck(host: CommandHost): Check {
  const provider = host.session.provider;
  const status = findCredentials({ ...host.env }, host.configHome).find((entry) => entry.provider === provider);
  if (status === undefined) return { level: "warn", text: `Credentials: unknown provider ${provider}` };
  if (status.available) return { level: "ok", text: `Credentials for ${provider}: ${status.source ?? "found"}` };
  if (!status.required) return { level: "ok", text: `Credentials for ${provider}: none needed` };
  return { level: "fail", text: `Credentials for ${provider}: none (set ${status.envVars.join(" or ")} or run /login ${provider === "openai-responses" ? "openai" : provider})` };
}

function settingsCheck(host: CommandHost): Check {
  const loaded = host.config.sources.filter((source) => source.loaded);
  const names = loaded.map((source) => source.path).join(", ");
  return { level: "ok", text: `Settings: ${loaded.length} file${loaded.length === 1 ? "" : "s"} loaded${loaded.length === 0 ? " (defaults)" : ` (${names})`}` };
}

async function gitCheck(host: CommandHost): Promise<Check> {
  try {
    const result = await host.git.run(["--version"]);
    if (result.exitCode === 0) return { level: "ok", text: result.stdout.trim() };
    return { level: "warn", text: `git does not work: ${result.stderr.trim()}` };
  } catch (error) {
    return { level: "warn", text: `${(error as Error).message}; /diff, /commit, /undo and /branch need it` };
  }
}

async function ripgrepCheck(host: CommandHost): Promise<Check> {
  const path = await ripgrepPath();
  const found = isAbsolute(path) ? (existsSync(path) ? path : undefined) : findExecutable(path, host.env);
  if (found !== undefined) return { level: "ok", text: `ripgrep: ${found}` };
  return { level: "warn", text: "ripgrep not found; the Grep tool will fail (install ripgrep)" };
}

function sessionsCheck(host: CommandHost): Check {
  const directory = host.store.directory;
  if (!existsSync(directory)) return { level: "ok", text: `Sessions: ${directory} (created on first save)` };
  try {
    accessSync(directory, constants.W_OK);
    return { level: "ok", text: `Sessions: ${directory}` };
  } catch {
    return { level: "fail", text: `Sessions: ${directory} is not writable` };
  }
}

function sandboxCheck(host: CommandHost): Check {
  const { decision, detection } = sandboxStateOf(host);
  const bwrap = detection.available ? `bubblewrap ${detection.version} (${detection.bwrapPath}); ` : "";
  const level = decision.status.state === "unavailable" ? "warn" : "ok";
  return { level, text: `Sandbox: ${bwrap}${describeSandboxStatus(decision.status)}` };
}

function mcpChecks(host: CommandHost): Check[] {
  const servers = host.mcp?.status() ?? [];
  if (servers.length === 0) return [{ level: "ok", text: "MCP servers: none configured" }];
  return servers.map((server) => ({
    level: server.status === "connected" || server.status === "connecting" || server.status === "disabled" ? "ok" : "fail",
    text: `MCP ${server.name}: ${server.status}${server.error === undefined ? "" : ` — ${server.error}`}`,
  }));
}

function extensionChecks(host: CommandHost): Check[] {
  const { plugins, errors } = host.plugins.list();
  const checks: Check[] = [
    { level: "ok", text: `Plugins: ${plugins.filter((plugin) => plugin.enabled).length} enabled of ${plugins.length}` },
  ];
  const problems = [...errors, ...host.skills.errors, ...host.agents.errors];
  for (const problem of problems) checks.push({ level: "warn", text: problem.message });
  return checks;
}
