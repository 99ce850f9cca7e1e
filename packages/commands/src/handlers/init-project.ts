import { usageError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";
import { formatTable } from "../text/format-text.js";

/** The project kinds `/init-project` scaffolds, with what each one holds. */
export const PROJECT_KINDS: Readonly<Record<string, string>> = {
  react: "a React single-page app with Vite and TypeScript",
  nextjs: "a Next.js app (App Router, TypeScript)",
  express: "an Express HTTP API in TypeScript",
  cli: "a Node.js command-line tool in TypeScript",
  django: "a Django web project",
  fastapi: "a FastAPI service",
  flask: "a Flask web app",
  "chrome-ext": "a Chrome extension (Manifest V3)",
};

/** `/init-project [kind]` (`/scaffold`): asks the model to scaffold a new project of a known kind. */
export const initProjectCommand: SlashCommand = {
  name: "init-project",
  aliases: ["scaffold"],
  category: "Task & Workflow",
  summary: "Have the model scaffold a new project",
  usage: "[kind]",
  details: `Kinds:\n${formatTable(Object.entries(PROJECT_KINDS), "  ")}`,
  argumentCompletions: (args) => Object.keys(PROJECT_KINDS).filter((kind) => kind.startsWith(args.trim())),
  async run(args, host) {
    const kind = args.trim().toLowerCase();
    if (kind === "") return { output: `Project kinds:\n${formatTable(Object.entries(PROJECT_KINDS), "  ")}\n\nStart one with /init-project <kind>.` };
    const description = PROJECT_KINDS[kind];
    if (description === undefined) {
      throw usageError("init-project", "[kind]", `Unknown project kind "${args.trim()}"; expected one of ${Object.keys(PROJECT_KINDS).join(", ")}`);
    }
    const prompt = [
      `Scaffold ${description} in the current directory (${host.cwd}).`,
      "1. List what is already here first. Never overwrite an existing file; if one is in the way, stop and say so.",
      "2. Use current, stable versions of the standard tools for this kind of project and keep dependencies few.",
      "3. Create: the project files, a README with how to install, run and test it, a .gitignore, and a test setup with one passing test.",
      "4. Install the dependencies and run the test, then summarise the files created and the commands to use.",
    ].join("\n");
    return { output: `Scaffolding ${description}.`, runPrompt: prompt };
  },
};
