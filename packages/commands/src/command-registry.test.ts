import { describe, expect, it } from "vitest";
import { createMarkdownCommandSet, loadMarkdownCommands } from "@axion/plugins";
import { createCommandRegistry } from "./command-registry.js";
import { COMMAND_CATEGORIES } from "./command-categories.js";
import { renderHelp } from "./render-help.js";
import { noMarkdownCommands, useFakeHost } from "./test-support/fake-host.js";

const ALL_NAMES = [
  "help", "quit", "clear", "compact", "cost", "status", "model", "models", "permissions", "session", "resume", "export",
  "share", "config", "init", "sandbox", "mcp", "plugins", "agents", "skills", "version", "doctor", "memory", "diff",
  "login", "logout", "auth-mode", "plan", "commit", "undo", "review", "test", "init-project", "security-review", "image",
  "context", "branch", "hooks", "copy", "rename", "files", "summary", "stats",
];

describe("createCommandRegistry", () => {
  it("holds the 43 commands and the 4 aliases of the original", () => {
    const registry = createCommandRegistry({ markdownCommands: noMarkdownCommands });
    expect(registry.list().map((command) => command.name).sort()).toEqual([...ALL_NAMES].sort());
    expect(registry.list()).toHaveLength(43);
    const aliases = registry.list().flatMap((command) => command.aliases ?? []);
    expect(aliases.sort()).toEqual(["auth", "exit", "q", "scaffold"]);
    expect(registry.names()).toHaveLength(47);
    expect(registry.get("/EXIT")?.name).toBe("quit");
    expect(registry.get("scaffold")?.name).toBe("init-project");
    expect(registry.get("auth")?.name).toBe("auth-mode");
  });

  it("answers an unknown command with the closest names", async () => {
    const host = await useFakeHost();
    const registry = host.registry(noMarkdownCommands);
    expect(await registry.execute("/modle gpt-4o", host)).toEqual({ error: "Unknown command: /modle. Did you mean /model, /models?" });
    expect((await registry.execute("/comapct", host)).error).toBe("Unknown command: /comapct. Did you mean /compact?");
    expect((await registry.execute("/stauts", host)).error).toBe("Unknown command: /stauts. Did you mean /stats, /status?");
    expect((await registry.execute("/xyzzyplugh", host)).error).toBe("Unknown command: /xyzzyplugh. Type /help to see the commands.");
    expect((await registry.execute("hello", host)).error).toBe("Not a slash command: hello");
  });

  it("runs aliases and reports a failing handler as one line", async () => {
    const host = await useFakeHost();
    const registry = host.registry(noMarkdownCommands);
    expect((await registry.execute("/q", host)).exit).toBe(true);
    const broken = createCommandRegistry({
      markdownCommands: noMarkdownCommands,
      commands: [{ name: "broken", category: "Utility", summary: "Fail", run: async () => Promise.reject(new Error("disk full\nstack line")) }],
    });
    expect(await broken.execute("/broken now", host)).toEqual({ error: "/broken: disk full" });
  });

  it("renders markdown commands from files to a prompt turn, with /<plugin>:<name> for plugin commands", async () => {
    const host = await useFakeHost({
      files: {
        ".axion/commands/fix-issue.md": "---\ndescription: Fix a GitHub issue\nargument-hint: <number>\n---\nFix issue #$ARGUMENTS and add a test.\n",
        ".claude/commands/frontend/component.md": "Create a component named $1 in $2.\n",
        ".axion/commands/status.md": "A project status command.\n",
        "plugin-source/.claude-plugin/plugin.json": JSON.stringify({ name: "helper", version: "1.0.0" }),
        "plugin-source/commands/explain.md": "---\ndescription: Explain code\n---\nExplain $ARGUMENTS simply.\n",
      },
    });
    host.plugins.install(`${host.cwd}/plugin-source`);
    const registry = host.registry();
    expect(await registry.execute("/fix-issue 42", host)).toEqual({ runPrompt: "Fix issue #42 and add a test.\n", expandFileReferences: true });
    expect((await registry.execute('/frontend:component Button "src/ui kit"', host)).runPrompt).toBe("Create a component named Button in src/ui kit.\n");
    expect((await registry.execute("/helper:explain the parser", host)).runPrompt).toBe("Explain the parser simply.\n");
    expect((await registry.execute("/explain the parser", host)).runPrompt).toBe("Explain the parser simply.\n");
    expect(registry.warnings).toEqual([expect.stringMatching(/status\.md: \/status is left out because a built-in command has that name$/)]);
    expect((await registry.execute("/status", host)).output).toMatch(/^Session /);
    const help = renderHelp(registry);
    expect(help).toMatch(/Custom commands:\n {2}\/fix-issue <number> +Fix a GitHub issue \[project\]/);
    expect((await registry.execute("/fix-isue 1", host)).error).toBe("Unknown command: /fix-isue. Did you mean /fix-issue?");
  });

  it("completes command names and arguments as whole lines", async () => {
    const host = await useFakeHost();
    const registry = host.registry(noMarkdownCommands);
    expect(registry.complete("/mo", host)).toEqual(["/model", "/models"]);
    expect(registry.complete("/model sonn", host)).toEqual(["/model sonnet"]);
    expect(registry.complete("/permissions re", host)).toEqual(["/permissions read-only"]);
    expect(registry.complete("hello", host)).toEqual([]);
  });

  it("accepts a smaller command set, always with /help", async () => {
    const host = await useFakeHost();
    const registry = createCommandRegistry({
      markdownCommands: createMarkdownCommandSet([]),
      commands: [{ name: "ping", category: "Utility", summary: "Answer pong", run: async () => ({ output: "pong" }) }],
    });
    expect(registry.list().map((command) => command.name)).toEqual(["help", "ping"]);
    expect(await registry.execute("/ping", host)).toEqual({ output: "pong" });
    expect(loadMarkdownCommands({ cwd: host.cwd, configHome: host.configHome, homeDir: host.home }).list()).toEqual([]);
  });
});

describe("renderHelp", () => {
  it("groups commands by category in a fixed order, as plain text", () => {
    const help = renderHelp(createCommandRegistry({ markdownCommands: noMarkdownCommands }));
    const headings = help.split("\n").slice(1).filter((line) => /^[A-Z].*:$/.test(line));
    const present = new Set(createCommandRegistry({ markdownCommands: noMarkdownCommands }).list().map((command) => command.category));
    expect(headings).toEqual(COMMAND_CATEGORIES.filter((category) => present.has(category)).map((category) => `${category}:`));
    expect(headings[0]).toBe("Core:");
    expect(help).toMatch(/\n {2}\/quit +Leave axion \(the session is saved\) \(also \/exit, \/q\)\n/);
    expect(help).not.toMatch(/\u001b\[/);
  });
});
