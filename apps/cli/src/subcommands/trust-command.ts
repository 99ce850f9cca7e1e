import { statSync } from "node:fs";
import { homedir } from "node:os";
import { resolve } from "node:path";
import type { Command } from "commander";
import { listTrustedFolders, loadConfig, realFolderPath, resolveConfigHome, revokeFolder, trustFolder, workspaceTrust } from "@axion/runtime";
import { UsageError } from "../cli-flags.js";
import type { ProgramIo } from "../program-io.js";
import { untrustedExtensions } from "../trust/untrusted-extensions.js";
import { formatTable } from "./workspace-context.js";

interface TrustOptions {
  list?: boolean;
  revoke?: boolean;
}

/** `axion trust [path]`, `axion trust --list`, `axion trust --revoke [path]`. */
export function registerTrustCommand(program: Command, io: ProgramIo): void {
  program
    .command("trust")
    .description("trust a folder (default: this one) so its hooks, MCP servers, plugins and settings load; --list, --revoke")
    .argument("[path]", "the folder (default: the current one)")
    .option("--list", "list the trusted folders (axion's, and Claude Code's marked as such)")
    .option("--revoke", "stop trusting the folder")
    .action(async (path: string | undefined, options: TrustOptions) => {
      const home = io.env["HOME"] ?? homedir();
      const configHome = resolveConfigHome(io.env, home);
      if (options.list === true) {
        if (path !== undefined) throw new UsageError("--list takes no path");
        const { folders, warnings } = listTrustedFolders({ configHome, home });
        for (const warning of warnings) io.stderr.write(`axion: warning: ${warning}\n`);
        if (folders.length === 0) {
          io.stdout.write('No trusted folders. Trust this one with "axion trust".\n');
          return;
        }
        const rows = [["PATH", "TRUSTED BY", "SINCE"]];
        for (const folder of folders) {
          rows.push([folder.path, folder.source === "axion" ? "axion" : "Claude Code (~/.claude.json)", folder.trustedAt?.slice(0, 16).replace("T", " ") ?? ""]);
        }
        io.stdout.write(formatTable(rows));
        return;
      }
      const folder = resolve(io.cwd, path ?? ".");
      if (options.revoke === true) {
        const removed = revokeFolder(folder, { configHome });
        const still = workspaceTrust({ cwd: folder, home, configHome });
        if (removed === undefined) {
          const why = still.trusted ? `; it is trusted through ${still.via === "claude-code" ? `Claude Code's record for ${still.path ?? ""} in ~/.claude.json` : `${still.path ?? ""} (revoke that instead)`}` : "";
          throw new UsageError(`${realFolderPath(folder)} is not in axion's trusted folders${why}`);
        }
        io.stdout.write(`No longer trusted: ${removed}\n`);
        if (still.trusted) io.stdout.write(`Still trusted through ${still.via === "claude-code" ? "Claude Code's record" : "axion's entry"} for ${still.path ?? ""}\n`);
        return;
      }
      const stats = statSync(folder, { throwIfNoEntry: false });
      if (stats === undefined || !stats.isDirectory()) throw new UsageError(`${folder}: no such folder`);
      // what the folder carries, shown after trusting it; an invalid settings file does not stop the trust
      let carried: { summary: string }[] = [];
      try {
        const config = loadConfig({ cwd: folder, env: io.env, home, configHome, trusted: false });
        carried = (await untrustedExtensions({ cwd: folder, configHome, home, config })).filter((item) => item.runsOrGrants);
      } catch (error) {
        io.stderr.write(`axion: warning: ${(error as Error).message}\n`);
      }
      const stored = trustFolder(folder, { configHome });
      const scope = stored === realFolderPath(home) || stored === "/" ? "this folder only, not the folders under it" : "this folder and the folders under it";
      io.stdout.write(`Trusted ${stored} (${scope}).\n`);
      if (carried.length > 0) io.stdout.write(`Now loaded here: ${carried.map((item) => item.summary).join(", ")}\n`);
    });
}
