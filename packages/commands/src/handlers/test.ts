import { existsSync, readFileSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { CommandError, usageError } from "../command-error.js";
import type { SlashCommand } from "../command-host.js";
import { splitFirstWord } from "../text/format-text.js";

export const TEST_RUNNERS = ["vitest", "jest", "mocha", "node", "pytest", "unittest", "go", "cargo"] as const;

/** The runner a project uses: from package.json dependencies, or the language of the path. */
export function detectTestRunner(cwd: string, path: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as Record<string, Record<string, unknown> | undefined>;
    const dependencies = { ...manifest["dependencies"], ...manifest["devDependencies"] };
    for (const runner of ["vitest", "jest", "mocha"]) if (runner in dependencies) return runner;
  } catch {
    // no package.json
  }
  const extension = extname(path);
  if (extension === ".py" || existsSync(join(cwd, "pyproject.toml"))) return "pytest";
  if (extension === ".go" || existsSync(join(cwd, "go.mod"))) return "go";
  if (extension === ".rs" || existsSync(join(cwd, "Cargo.toml"))) return "cargo";
  if ([".js", ".mjs", ".ts", ".mts"].includes(extension)) return "node";
  return undefined;
}

/** `/test <path> [runner]`: asks the model to write and run tests for a file or folder. */
export const testCommand: SlashCommand = {
  name: "test",
  category: "Task & Workflow",
  summary: "Have the model write and run tests for a file or folder",
  usage: "<path> [runner]",
  details: `Runners: ${TEST_RUNNERS.join(", ")}. Without one it is taken from package.json, or from the language of the path.`,
  async run(args, host) {
    const { first: path, rest: runnerArgument } = splitFirstWord(args);
    if (path === "") throw usageError("test", "<path> [runner]");
    if (!existsSync(resolve(host.cwd, path))) throw new CommandError("command_failed", `/test: ${path} does not exist in ${host.cwd}`);
    const runner = runnerArgument === "" ? detectTestRunner(host.cwd, path) : runnerArgument.toLowerCase();
    if (runner !== undefined && !(TEST_RUNNERS as readonly string[]).includes(runner)) {
      throw usageError("test", "<path> [runner]", `Unknown runner "${runnerArgument}"; expected one of ${TEST_RUNNERS.join(", ")}`);
    }
    const using = runner === undefined ? "the test framework the project already uses (look at its configuration first)" : runner;
    const prompt = [
      `Write tests for ${path} using ${using}.`,
      "1. Read the code under test and the project's existing tests; follow their layout, naming and style.",
      "2. Cover the normal behaviour, edge cases and error paths. Test behaviour a user would notice, not private details.",
      "3. Run the new tests. If one fails because the test is wrong, fix the test; if it reveals a bug in the code, report the bug instead of changing the code.",
      "4. Finish with a short list of what the tests cover and the command to run them.",
    ].join("\n");
    return { output: `Writing tests for ${path} (${runner ?? "runner from the project"}).`, runPrompt: prompt };
  },
};
