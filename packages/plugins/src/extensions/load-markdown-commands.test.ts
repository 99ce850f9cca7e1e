import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverPlugins } from "../discover-plugins.js";
import { copyFixture, manifest, temporaryDirectory, writeFiles } from "../test-support/temp-files.js";
import { loadMarkdownCommands, renderCommand, splitArguments } from "./load-markdown-commands.js";

describe("loadMarkdownCommands", () => {
  it("names commands by path, adds plugin commands as /<plugin>:<command> and by short name when free", () => {
    const base = temporaryDirectory();
    const cwd = join(base, "workspace");
    const configHome = join(base, "config");
    const homeDir = join(base, "home");
    writeFiles(cwd, {
      ".axion/commands/lint.md": "---\ndescription: Project lint\n---\nnpm run lint\n",
      ".claude/commands/frontend/page.md": "---\ndescription: New page\nargument-hint: [name]\n---\nCreate page $1\n",
    });
    writeFiles(homeDir, { ".claude/commands/standup.md": "Summarise yesterday's commits.\n" });
    writeFiles(configHome, { "commands/lint.md": "---\ndescription: shadowed\n---\n" });
    copyFixture("code-quality", join(configHome, "plugins", "code-quality"));
    writeFiles(join(cwd, ".axion", "plugins"), {
      "other/plugin.json": manifest({ name: "other" }),
      "other/commands/feature.md": "---\ndescription: Another feature command\n---\nx\n",
    });
    const { plugins } = discoverPlugins({ cwd, configHome });
    const set = loadMarkdownCommands({ cwd, configHome, homeDir, plugins });
    expect(set.errors).toEqual([]);
    expect(set.list().map((command) => [command.name, command.aliases, command.source])).toEqual([
      ["lint", [], "project"],
      ["frontend:page", [], "project"],
      ["standup", [], "user"],
      ["code-quality:commit", ["commit"], "plugin:code-quality@installed"],
      ["code-quality:feature", [], "plugin:code-quality@installed"],
      ["code-quality:frontend:component", ["frontend:component"], "plugin:code-quality@installed"],
      ["code-quality:lint", [], "plugin:code-quality@installed"],
      ["code-quality:review-pr", ["review-pr"], "plugin:code-quality@installed"],
      ["other:feature", [], "plugin:other@project"],
    ]);
    expect(set.find("/lint")?.description).toBe("Project lint");
    expect(set.find("/standup")?.description).toBe("Summarise yesterday's commits.");
    expect(set.find("feature")).toBeUndefined();
    expect(set.find("/commit")).toMatchObject({
      name: "code-quality:commit",
      allowedTools: ["Bash(git add:*)", "Bash(git status:*)", "Bash(git commit:*)"],
      description: "Create a git commit",
    });
    expect(set.find("review-pr")).toMatchObject({ argumentHint: "[pr-number] [priority] [assignee]", model: "sonnet", allowedTools: ["Bash(gh:*)", "Read"] });
    expect(set.find("frontend:page")?.argumentHint).toBe("[name]");
    expect(set.find("code-quality:feature")?.argumentHint).toBe("Optional feature description");
  });

  it("reports a broken command file by file and line and keeps the others", () => {
    const base = temporaryDirectory();
    const cwd = join(base, "workspace");
    writeFiles(cwd, {
      ".axion/commands/good.md": "fine\n",
      ".axion/commands/bad.md": "---\ndescription: ok\nallowed-tools: {Read\n---\n",
    });
    const set = loadMarkdownCommands({ cwd, configHome: join(base, "config"), homeDir: join(base, "home") });
    expect(set.list().map((command) => command.name)).toEqual(["good"]);
    expect(set.errors[0]?.message).toMatch(new RegExp(`^${join(cwd, ".axion", "commands", "bad.md")}:\\d+: invalid frontmatter: `));
  });
});

describe("renderCommand", () => {
  it("substitutes $ARGUMENTS and $1…$9", () => {
    const command = { body: "Review PR #$1 with priority $2, assign $3.\nAll: $ARGUMENTS\n$10 stays" };
    expect(renderCommand(command, '42 high "Jane Doe"')).toBe('Review PR #42 with priority high, assign Jane Doe.\nAll: 42 high "Jane Doe"\n$10 stays');
    expect(renderCommand(command, "7")).toBe("Review PR #7 with priority , assign .\nAll: 7\n$10 stays");
  });

  it("appends the arguments when the template has no placeholder", () => {
    expect(renderCommand({ body: "Summarise commits.\n" }, "since monday")).toBe("Summarise commits.\n\nARGUMENTS: since monday");
    expect(renderCommand({ body: "Summarise commits.\n" }, "")).toBe("Summarise commits.\n");
  });

  it("splits quoted arguments", () => {
    expect(splitArguments(`a "b c" 'd e' f\\ g "h \\"i\\""`)).toEqual(["a", "b c", "d e", "f\\", "g", 'h "i"']);
  });
});
