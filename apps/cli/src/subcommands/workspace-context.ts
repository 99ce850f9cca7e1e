import { homedir } from "node:os";
import { loadConfig, resolveConfigHome, type LoadedConfig } from "@axion/runtime";
import type { ProgramIo } from "../program-io.js";
import { resolveTrust } from "../trust/resolve-trust.js";

/** What a subcommand needs to know about where it runs: home, config home and the merged settings. */
export interface WorkspaceContext {
  cwd: string;
  home: string;
  configHome: string;
  /** Whether the folder is trusted; when not, `config` holds only what cannot run or grant from the project. */
  trusted: boolean;
  config: LoadedConfig;
}

export function workspaceContext(io: ProgramIo): WorkspaceContext {
  const home = io.env["HOME"] ?? homedir();
  const configHome = resolveConfigHome(io.env, home);
  const { trusted } = resolveTrust({ cwd: io.cwd, home, configHome, flag: io.trustWorkspace, warn: (message) => io.stderr.write(`axion: warning: ${message}\n`) });
  const config = loadConfig({ cwd: io.cwd, env: io.env, home, configHome, trusted });
  return { cwd: io.cwd, home, configHome, trusted, config };
}

/** Writes a table with aligned columns; the first row is the header. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_cell, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return `${rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ").trimEnd()).join("\n")}\n`;
}
