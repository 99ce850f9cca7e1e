import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { SlashCommand } from "../command-host.js";

const GITIGNORE_ENTRIES = [".axion/sessions/", ".axion/settings.local.json"];

/** The `AXION.md` template, with the npm scripts of `package.json` filled in when there are any. */
export function instructionTemplate(cwd: string): string {
  const commands: string[] = [];
  try {
    const manifest = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { scripts?: Record<string, unknown> };
    for (const name of ["build", "test", "lint", "typecheck", "dev"]) {
      if (typeof manifest.scripts?.[name] === "string") commands.push(`- ${name}: \`npm run ${name}\``);
    }
  } catch {
    // no package.json, or not readable: leave the placeholder
  }
  return [
    "# Project instructions for axion",
    "",
    "## Overview",
    "",
    "<!-- What this project is and how it is laid out. -->",
    "",
    "## Commands",
    "",
    ...(commands.length > 0 ? commands : ["<!-- How to build, test and lint, e.g. `npm test`. -->"]),
    "",
    "## Conventions",
    "",
    "<!-- Code style, naming, and things to avoid. -->",
    "",
  ].join("\n");
}

/** `/init`: creates `AXION.md`, `.axion/settings.json` (permission mode `prompt`) and .gitignore entries; never overwrites. */
export const initCommand: SlashCommand = {
  name: "init",
  category: "Configuration",
  summary: "Create AXION.md and .axion/settings.json for this project",
  details: "Existing files are left as they are. .axion/sessions/ and .axion/settings.local.json are added to .gitignore.",
  async run(_args, host) {
    const lines: string[] = [];
    const create = (relativePath: string, content: string): void => {
      const path = join(host.cwd, relativePath);
      if (existsSync(path)) {
        lines.push(`  kept     ${relativePath} (already exists)`);
        return;
      }
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic.sync(path, content);
      lines.push(`  created  ${relativePath}`);
    };
    create("AXION.md", instructionTemplate(host.cwd));
    create(join(".axion", "settings.json"), `${JSON.stringify({ permissions: { defaultMode: "prompt" } }, null, 2)}\n`);
    const gitignore = join(host.cwd, ".gitignore");
    const existing = existsSync(gitignore) ? readFileSync(gitignore, "utf8") : "";
    const present = new Set(existing.split(/\r?\n/).map((line) => line.trim()));
    const missing = GITIGNORE_ENTRIES.filter((entry) => !present.has(entry));
    if (missing.length > 0) {
      const prefix = existing === "" || existing.endsWith("\n") ? "" : "\n";
      writeFileAtomic.sync(gitignore, `${existing}${prefix}${missing.join("\n")}\n`);
      lines.push(`  ${existing === "" ? "created" : "updated"}  .gitignore (${missing.join(", ")})`);
    } else {
      lines.push("  kept     .gitignore (entries present)");
    }
    return { output: `Initialised ${host.cwd}:\n${lines.join("\n")}\n\nEdit AXION.md to tell axion about the project; settings take effect in the next session.` };
  },
};
