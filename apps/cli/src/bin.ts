// The `axion` executable, bundled to dist/axion.cjs: it answers the version fast path before any
// other module loads, otherwise it loads the CLI bundle (dist/axion-main.js) and runs it.
import { runFastPath } from "./fast-path.js";

declare const __dirname: string;
declare const require: (id: string) => unknown;

if (!runFastPath(process.argv.slice(2), (text) => process.stdout.write(text))) {
  const { join } = require("node:path") as typeof import("node:path");
  const { pathToFileURL } = require("node:url") as typeof import("node:url");
  const mainUrl = pathToFileURL(join(__dirname, "axion-main.js")).href;
  (import(mainUrl) as Promise<{ main: (argv: readonly string[]) => Promise<number> }>)
    .then(({ main }) => main(process.argv))
    .then(
      (code) => {
        // Everything the CLI opened is closed by now; idle keep-alive sockets must not hold the exit up.
        process.exitCode = code;
        process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
      },
      (error: unknown) => {
        process.stderr.write(`axion: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
      },
    );
}
