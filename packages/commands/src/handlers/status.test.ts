import { describe, expect, it } from "vitest";
import { useFakeHost } from "../test-support/fake-host.js";

describe("/status", () => {
  it("shows session, model, permissions, usage and git state", async () => {
    const host = await useFakeHost({ git: true, permissionMode: "prompt" });
    host.addExchange("hello", [{ type: "text", text: "hi there" }], { input_tokens: 1_000, output_tokens: 200 });
    host.writeFile("changed.txt", "new\n");
    const { output } = await host.run("/status");
    const lines = output?.split("\n") ?? [];
    expect(lines[0]).toBe(`Session          ${host.session.id} (${host.session.path})`);
    expect(lines).toContain("Model            claude-sonnet-4-6 (anthropic)");
    expect(lines).toContain("Permission mode  prompt");
    expect(lines).toContain("Plan mode        off");
    expect(lines).toContain("Messages         2 (about 4 of 200,000 context tokens)");
    expect(lines).toContain("Usage            1,200 tokens in 1 model call, $0.0060");
    expect(lines).toContain(`Workspace        ${host.cwd}`);
    expect(lines).toContain("Git              main, 1 changed file");
  });

  it("names the parent of a forked session and works outside git", async () => {
    const host = await useFakeHost();
    host.addExchange("hello", [{ type: "text", text: "hi" }]);
    const parent = host.session.id;
    host.session.fork("experiment");
    const { output } = await host.run("/status");
    expect(output).toContain(`Forked from      ${parent} (branch experiment)`);
    expect(output).toContain("Git              not a git repository");
  });
});
