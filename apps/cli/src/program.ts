import { Command } from "commander";
import { VERSION } from "./version.js";

/** Builds the `axion` command line. Each subcommand lives in its own module under `commands/`. */
export function makeProgram(): Command {
  const program = new Command();
  program
    .name("axion")
    .description("A terminal AI coding agent: it reads, searches, edits and runs commands in your project, asking before risky actions.")
    .version(VERSION, "-V, --version", "print the axion version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true);

  program
    .command("version")
    .description("print the axion version and the Node.js runtime")
    .action(() => {
      process.stdout.write(`axion ${VERSION} (node ${process.version}, ${process.platform}-${process.arch})\n`);
    });

  return program;
}
