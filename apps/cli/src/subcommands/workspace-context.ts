import { homedir } from "node:os";
import { loadConfig, resolveConfigHome, type LoadedConfig } from "@axion/runtime";
import type { ProgramIo } from "../program-io.js";

/** What a subcommand needs to know about where it runs: home, config home and the merged settings. */
export interface WorkspaceContext {
  cwd: string;
  home: string;
  configHome: string;
  config: LoadedConfig;
}

export function workspaceContext(io: ProgramIo): WorkspaceContext {
  const home = io.env["HOME"] ?? homedir();
  const configHome = resolveConfigHome(io.env, home);
  const config = loadConfig({ cwd: io.cwd, env: io.env, home, configHome });
  return { cwd: io.cwd, home, configHome, config };
}

/** Writes a table with aligned columns; the first row is the header. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_cell, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return `${rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ").trimEnd()).join("\n")}\n`;
}
