import type { Command } from "commander";
import { homedir } from "node:os";
import { buildSystemPrompt, loadConfig, resolveConfigHome } from "@axion/runtime";
import type { ProgramIo } from "../program-io.js";
import { resolveTrust } from "../trust/resolve-trust.js";
import { untrustedExtensions } from "../trust/untrusted-extensions.js";
import { untrustedNotice } from "../trust/untrusted-notice.js";

/** `axion system-prompt`: prints the system prompt axion would send from this folder. */
export function registerSystemPromptCommand(program: Command, io: ProgramIo): void {
  program
    .command("system-prompt")
    .description("print the system prompt for this folder")
    .option("-m, --model <model>", "model named in the environment section")
    .option("--plan", "include the plan-mode block")
    .action(async (options: { model?: string; plan?: boolean }) => {
      const home = io.env["HOME"] ?? homedir();
      const configHome = resolveConfigHome(io.env, home);
      const { trusted } = resolveTrust({ cwd: io.cwd, home, configHome, flag: io.trustWorkspace, warn: (message) => io.stderr.write(`axion: warning: ${message}\n`) });
      const config = loadConfig({ cwd: io.cwd, env: io.env, home, configHome, trusted });
      if (!trusted) {
        const line = untrustedNotice(await untrustedExtensions({ cwd: io.cwd, configHome, home, config }));
        if (line !== undefined) io.stderr.write(`${line}\n`);
      }
      const prompt = await buildSystemPrompt({
        cwd: io.cwd,
        model: options.model ?? config.merged.model ?? "claude-sonnet-4-6",
        env: io.env,
        configSources: config.sources,
        planMode: options.plan === true,
      });
      io.stdout.write(`${prompt}\n`);
    });
}
