/** Options of the `axion-mock-llm` command. */
export interface CliOptions {
  port: number;
  host: string;
  help: boolean;
  strict: boolean;
}

export const CLI_USAGE = `Usage: axion-mock-llm [--port <n>] [--host <address>] [--strict]

Starts the scripted mock LLM server (Anthropic, OpenAI chat, OpenAI Responses, Ollama)
and prints one line, MOCK_LLM_BASE_URL=http://<host>:<port>, on stdout.

  --port <n>         port to listen on; 0 (default) picks a free one
  --host <address>   address to bind (default 127.0.0.1)
  --strict           refuse invalid histories (a tool call without its result, a result
                     without its call) with a 400, as the real APIs do
  -h, --help         show this help`;

/** Parse command-line arguments; throws a one-line error naming the bad argument. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { port: 0, host: "127.0.0.1", help: false, strict: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? "";
    if (argument === "-h" || argument === "--help") {
      options.help = true;
      continue;
    }
    if (argument === "--strict") {
      options.strict = true;
      continue;
    }
    const [flag, inlineValue] = argument.startsWith("--") && argument.includes("=") ? splitOnce(argument) : [argument, undefined];
    if (flag !== "--port" && flag !== "--host") throw new Error(`axion-mock-llm: unknown argument "${argument}" (see --help)`);
    let value = inlineValue;
    if (value === undefined) {
      index += 1;
      value = argv[index];
    }
    if (value === undefined || value.length === 0) throw new Error(`axion-mock-llm: ${flag} needs a value`);
    if (flag === "--port") {
      const port = Number(value);
      if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65_535) {
        throw new Error(`axion-mock-llm: --port must be an integer from 0 to 65535, got "${value}"`);
      }
      options.port = port;
    } else {
      options.host = value;
    }
  }
  return options;
}

function splitOnce(argument: string): [string, string] {
  const at = argument.indexOf("=");
  return [argument.slice(0, at), argument.slice(at + 1)];
}
