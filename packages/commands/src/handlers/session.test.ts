import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/session", () => {
  it("shows the current session", async () => {
    const host = await useFakeHost();
    host.addExchange("hello", [{ type: "text", text: "hi" }]);
    const { output } = await host.run("/session");
    expect(output).toContain(`Session   ${host.session.id}\nFile      ${host.session.path}\nModel     claude-sonnet-4-6 (anthropic)\nMessages  2`);
    expect(output).toMatch(/Created +\d{4}-\d{2}-\d{2}T/);
  });

  it("lists sessions newest first with the current one marked", async () => {
    const host = await useFakeHost();
    host.addExchange("first session prompt", [{ type: "text", text: "ok" }]);
    const first = host.session.id;
    await host.run("/session new");
    host.addExchange("second session prompt", [{ type: "text", text: "ok" }]);
    const { output } = await host.run("/session list");
    const lines = output?.split("\n") ?? [];
    expect(lines[0]).toBe(`Sessions in ${host.store.directory} (newest first):`);
    expect(lines.find((line) => line.includes(host.session.id))).toMatch(/^ {2}● [0-9a-f]{16} +\d{4}-\d{2}-\d{2} \d{2}:\d{2} +2 messages +claude-sonnet-4-6 +second session prompt$/);
    expect(lines.find((line) => line.includes(first))).toMatch(/^ {4}[0-9a-f]{16} .* first session prompt$/);
  });

  it("forks into a new session and continues there", async () => {
    const host = await useFakeHost();
    host.addExchange("hello", [{ type: "text", text: "hi" }]);
    const parent = host.session.id;
    const { output } = await host.run("/session fork try-sqlite");
    const child = host.session.id;
    expect(child).not.toBe(parent);
    expect(output).toBe(`Forked session ${parent} into ${child} (branch try-sqlite); now working in ${child}.`);
    expect(host.session.messages).toHaveLength(2);
  });

  it("switches by id prefix and starts new sessions", async () => {
    const host = await useFakeHost();
    host.addExchange("hello", [{ type: "text", text: "hi" }]);
    const first = host.session.id;
    expect((await host.run("/session new")).output).toBe(`Started session ${host.session.id}. The previous session ${first} stays on disk (/resume ${first}).`);
    expect(host.session.messages).toHaveLength(0);
    const second = host.session.id;
    expect((await host.run(`/session sw ${first.slice(0, 6)}`)).output).toBe(
      `Resumed session ${first} (2 messages, model claude-sonnet-4-6). Left ${second}; it stays on disk.`,
    );
    expect((await host.run(`/session switch ${first}`)).output).toBe(`Already in session ${first}.`);
  });

  it("deletes other sessions but never the active one", async () => {
    const host = await useFakeHost();
    const first = host.session.id;
    const firstPath = host.session.path;
    await host.run("/session new");
    expect((await host.run(`/session delete ${host.session.id}`)).error).toBe(
      `Cannot delete the active session ${host.session.id}; switch to another one first (/session new).`,
    );
    expect((await host.run(`/session rm ${first}`)).output).toBe(`Deleted session ${firstPath}.`);
    expect(existsSync(firstPath)).toBe(false);
    expect((await host.run("/session delete")).error).toBe("Usage: /session delete <id>");
    expect((await host.run("/session frobnicate")).error).toBe(
      'Unknown subcommand "frobnicate". Usage: /session [show | list | fork [branch] | switch <id> | delete <id> | new]',
    );
  });
});
