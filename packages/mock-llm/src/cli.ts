#!/usr/bin/env node
import { CLI_USAGE, parseCliArgs, type CliOptions } from "./cli-args.js";
import { startMockLlm } from "./mock-llm-server.js";

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(`${CLI_USAGE}\n`);
    return;
  }
  const server = await startMockLlm({
    port: options.port,
    host: options.host,
    strict: options.strict,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`axion-mock-llm: ${signal}, shutting down\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // Printed only once the signal handlers are in place, so a caller may signal right after reading it.
  process.stdout.write(`MOCK_LLM_BASE_URL=${server.baseUrl}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`axion-mock-llm: ${(error as Error).message}\n`);
  process.exit(1);
});
