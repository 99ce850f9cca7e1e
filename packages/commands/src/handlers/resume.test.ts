import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/resume", () => {
  it("lists the sessions when no id is given", async () => {
    const host = await useFakeHost();
    const { output } = await host.run("/resume");
    expect(output).toMatch(/^Sessions in .*\(newest first\):\n {2}● /);
    expect(output).toMatch(/\n\nResume one with \/resume <id> or \/resume latest\.$/);
  });

  it("resumes the newest other session with latest, restoring messages and usage", async () => {
    const host = await useFakeHost();
    host.addExchange("remember the plan", [{ type: "text", text: "noted" }], { input_tokens: 500, output_tokens: 50 });
    const earlier = host.session.id;
    host.session.newSession();
    expect(host.session.messages).toHaveLength(0);
    const { output } = await host.run("/resume latest");
    expect(output).toMatch(new RegExp(`^Resumed session ${earlier} \\(2 messages, model claude-sonnet-4-6\\)\\. Left [0-9a-f]{16}; it stays on disk\\.$`));
    expect(host.session.id).toBe(earlier);
    expect(host.session.usage.input_tokens).toBe(500);
    expect(host.session.turns).toBe(1);
  });

  it("reports an unknown id and a lone session", async () => {
    const host = await useFakeHost();
    expect((await host.run("/resume latest")).error).toBe(`No other session in ${host.store.directory}.`);
    expect((await host.run("/resume 123abc")).error).toBe(`/resume: no session matches "123abc" in ${host.store.directory}`);
  });
});
