import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import writeFileAtomic from "write-file-atomic";
import type { LoadedSession } from "@axion/runtime";
import type { SlashCommand } from "../command-host.js";
import { renderTranscript, transcriptEntries, type TranscriptEntry } from "../support/render-transcript.js";
import { plural } from "../text/format-text.js";

/** `/export [file]`: writes the session as a Markdown transcript (default `transcript-<id>.md`). */
export const exportCommand: SlashCommand = {
  name: "export",
  category: "Session Management",
  summary: "Write the conversation as a Markdown transcript",
  usage: "[file]",
  details: "The default file is transcript-<session id>.md in the workspace. Tool calls and results are folded into <details> blocks.",
  async run(args, host) {
    const session = host.session;
    const target = resolve(host.cwd, args.trim() === "" ? `transcript-${session.id}.md` : args.trim());
    let loaded: LoadedSession | undefined;
    try {
      loaded = host.store.open(session.path);
    } catch {
      loaded = undefined;
    }
    const entries: TranscriptEntry[] =
      loaded === undefined ? session.messages.map((message) => ({ kind: "message", message })) : transcriptEntries(loaded);
    const text = renderTranscript(
      {
        sessionId: session.id,
        model: session.model,
        exportedAt: new Date(),
        parent: loaded?.meta.parent,
        compactions: loaded?.compactions ?? session.compactions,
        messagesInContext: loaded?.messages.length ?? session.messages.length,
        usage: session.usage,
        costUsd: session.costUsd,
      },
      entries,
    );
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic.sync(target, text);
    const count = entries.filter((entry) => entry.kind === "message").length;
    return { output: `Exported ${plural(count, "message")} to ${target}.` };
  },
};
