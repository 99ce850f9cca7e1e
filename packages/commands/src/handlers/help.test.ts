import { describe, expect, it } from "vitest";
import { noMarkdownCommands, useFakeHost } from "../test-support/fake-host.js";

describe("/help", () => {
  it("lists every command by category", async () => {
    const host = await useFakeHost();
    const { output } = await host.registry(noMarkdownCommands).execute("/help", host);
    expect(output).toMatch(/^Slash commands \(type \/help <command> for details\):\n\nCore:\n {2}\/help \[command\] +Show the commands/);
    expect(output).toMatch(/\n {2}\/model \[name\] +Show the model, or switch to another \(any provider\)\n/);
    expect(output).toMatch(/\n {2}\/auth-mode \[status \| api \| subscription\] +Show how axion authenticates \(API keys\) \(also \/auth\)\n/);
    expect(output?.match(/^ {2}\//gm)).toHaveLength(43);
  });

  it("shows the details of one command, by name or alias", async () => {
    const host = await useFakeHost();
    const registry = host.registry(noMarkdownCommands);
    const { output } = await registry.execute("/help /scaffold", host);
    expect(output).toMatch(/^Usage: \/init-project \[kind\]\n\nHave the model scaffold a new project\n\nKinds:\n {2}react +a React single-page app/);
    expect(output).toContain("Aliases: /scaffold\nCategory: Task & Workflow");
  });

  it("suggests names for an unknown command", async () => {
    const host = await useFakeHost();
    const { error } = await host.registry(noMarkdownCommands).execute("/help comit", host);
    expect(error).toBe("No command /comit. Did you mean /commit, /cost? Type /help to see the commands.");
  });
});
