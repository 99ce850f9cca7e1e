import { mkdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { messageSchema, type Message } from "@axion/api";
import { z } from "zod";
import { CommandError, usageError } from "../command-error.js";
import type { CommandHost, SlashCommand } from "../command-host.js";
import { plural, splitFirstWord } from "../text/format-text.js";

const USAGE = "[file] | import <file>";
export const SHARE_FORMAT = "axion-session";
export const SHARE_VERSION = 1;

const shareFileSchema = z.object({
  format: z.literal(SHARE_FORMAT),
  version: z.literal(SHARE_VERSION),
  session_id: z.string(),
  model: z.string().min(1),
  exported_at: z.string(),
  messages: z.array(messageSchema),
});

/** `/share [file]` writes the conversation as a JSON file; `/share import <file>` makes a new session from one. */
export const shareCommand: SlashCommand = {
  name: "share",
  category: "Session Management",
  summary: "Export the conversation as a JSON file, or import one as a new session",
  usage: USAGE,
  details: `The file is plain JSON ({"format":"${SHARE_FORMAT}","version":${SHARE_VERSION},"messages":[…]}); the default name is <session id>.axion-session.json.`,
  async run(args, host) {
    const { first, rest } = splitFirstWord(args);
    if (first === "import") {
      if (rest === "") throw usageError("share", "import <file>");
      return { output: importShare(host, resolve(host.cwd, rest)) };
    }
    const session = host.session;
    const target = resolve(host.cwd, args.trim() === "" ? `${session.id}.axion-session.json` : args.trim());
    const document = {
      format: SHARE_FORMAT,
      version: SHARE_VERSION,
      session_id: session.id,
      model: session.model,
      exported_at: new Date().toISOString(),
      messages: session.messages,
    };
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic.sync(target, `${JSON.stringify(document, null, 2)}\n`);
    return { output: `Wrote ${plural(session.messages.length, "message")} to ${target}. Import it elsewhere with /share import <file>.` };
  },
};

function importShare(host: CommandHost, path: string): string {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8")) as unknown;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not valid JSON (${(error as Error).message})`;
    throw new CommandError("command_failed", `${path}: ${reason}`);
  }
  const parsed = shareFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue === undefined ? "" : issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("").replace(/^\./, "");
    throw new CommandError("command_failed", `${path}: ${field === "" ? "" : `${field}: `}${issue?.message ?? "not an axion session file"}`);
  }
  const writer = host.store.create({ model: parsed.data.model });
  try {
    for (const message of parsed.data.messages) writer.appendMessage(message as Message);
  } finally {
    writer.close();
  }
  return `Imported ${plural(parsed.data.messages.length, "message")} from ${path} as session ${writer.id}. Continue it with /resume ${writer.id}.`;
}
