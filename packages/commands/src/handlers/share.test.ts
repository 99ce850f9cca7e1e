import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/share", () => {
  it("exports the conversation as JSON and imports it as a new session", async () => {
    const host = await useFakeHost();
    host.addExchange("explain the parser", [{ type: "text", text: "It reads tokens." }]);
    const original = host.session.id;
    const { output } = await host.run("/share shared.json");
    const path = join(host.cwd, "shared.json");
    expect(output).toBe(`Wrote 2 messages to ${path}. Import it elsewhere with /share import <file>.`);
    const document = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    expect(document).toMatchObject({ format: "axion-session", version: 1, session_id: original, model: "claude-sonnet-4-6" });

    const imported = await host.run("/share import shared.json");
    const id = /as session ([0-9a-f]{16})\./.exec(imported.output ?? "")?.[1] ?? "";
    expect(imported.output).toBe(`Imported 2 messages from ${path} as session ${id}. Continue it with /resume ${id}.`);
    await host.run(`/resume ${id}`);
    expect(host.session.id).toBe(id);
    expect(host.session.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "explain the parser" }] },
      { role: "assistant", content: [{ type: "text", text: "It reads tokens." }] },
    ]);
  });

  it("names the file and the field of a bad import", async () => {
    const host = await useFakeHost();
    const bad = join(host.cwd, "bad.json");
    writeFileSync(bad, JSON.stringify({ format: "axion-session", version: 1, session_id: "x", model: "m", exported_at: "", messages: [{ role: "robot", content: "hi" }] }));
    expect((await host.run("/share import bad.json")).error).toMatch(new RegExp(`^${bad}: messages\\[0\\]\\.role: `));
    writeFileSync(bad, "{not json");
    expect((await host.run("/share import bad.json")).error).toMatch(new RegExp(`^${bad}: not valid JSON \\(`));
    expect((await host.run("/share import missing.json")).error).toBe(`${join(host.cwd, "missing.json")}: no such file`);
  });
});
