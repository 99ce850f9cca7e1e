// The `axion` executable, bundled to dist/axion.cjs. It answers `--version` before anything else loads;
// otherwise it loads the CLI bundle (dist/axion-main.cjs) through V8's code cache, so a start after the
// first skips compiling the bundle, and runs it.
import { runFastPath } from "./fast-path.js";
import { VERSION } from "./version.js";

declare const __dirname: string;
/** The first 16 hex digits of the main bundle's sha256, set by scripts/bundle.mjs. */
declare const __AXION_MAIN_HASH__: string;
declare const require: NodeJS.Require;

interface CliModule {
  main(argv: readonly string[]): Promise<number>;
}

function loadMain(): { cli: CliModule; saveCache: () => void } {
  const Module = require("node:module") as typeof import("node:module") & { wrap(source: string): string };
  const vm = require("node:vm") as typeof import("node:vm");
  const fs = require("node:fs") as typeof import("node:fs");
  const path = require("node:path") as typeof import("node:path");
  const os = require("node:os") as typeof import("node:os");
  const file = path.join(__dirname, "axion-main.cjs");
  const source = fs.readFileSync(file, "utf8");
  const cacheDir =
    process.env["AXION_CACHE_DIR"] ?? path.join(process.env["XDG_CACHE_HOME"] ?? path.join(process.env["HOME"] ?? os.homedir(), ".cache"), "axion");
  const cacheFile = path.join(cacheDir, `main-${VERSION}-${__AXION_MAIN_HASH__}-${process.version}-${process.arch}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    // `import()` inside the bundle (packages loaded on first use) goes through Node's own loader
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    ...(cachedData ? { cachedData } : {}),
  });
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  const module = { exports: {} as CliModule, filename: file, id: file, loaded: false };
  wrapper.call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  return {
    cli: module.exports,
    saveCache: () => {
      if (!stale) return;
      // a cache is an optimisation: when it cannot be written, the next start compiles again
      try {
        fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temporary, cacheFile);
      } catch {
        // ignored on purpose, see above
      }
    },
  };
}

// A reader that leaves (`axion -p … | head -1`) is not an error: end quietly, as other command-line tools do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

if (!runFastPath(process.argv.slice(2), (text) => process.stdout.write(text))) {
  let loaded: ReturnType<typeof loadMain> | undefined;
  Promise.resolve()
    .then(() => {
      loaded = loadMain();
      return loaded.cli.main(process.argv);
    })
    .then(
      (code) => {
        loaded?.saveCache();
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
