import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverPlugins } from "../discover-plugins.js";
import { copyFixture, temporaryDirectory, writeFiles } from "../test-support/temp-files.js";
import { loadAgents } from "./load-agents.js";

describe("loadAgents", () => {
  it("reads agents from project, user, home and plugin folders", () => {
    const base = temporaryDirectory();
    const cwd = join(base, "workspace");
    const configHome = join(base, "config");
    const homeDir = join(base, "home");
    writeFiles(cwd, {
      ".axion/agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews diffs\ntools: Read, Grep, Bash(git diff:*)\nmodel: opus\n---\nYou review code.\n",
      ".claude/agents/reviewer.md": "---\ndescription: shadowed\n---\nold\n",
      ".claude/agents/planner.md": "---\ndescription: Plans work\ntools: ['*']\n---\nYou plan.\n",
    });
    writeFiles(homeDir, { ".claude/agents/code-explorer.md": "---\ndescription: My own explorer\n---\nExplore.\n" });
    copyFixture("code-quality", join(configHome, "plugins", "code-quality"));
    const { plugins } = discoverPlugins({ cwd, configHome });
    const catalog = loadAgents({ cwd, configHome, homeDir, plugins });
    expect(catalog.errors).toEqual([]);
    expect(catalog.list().map((agent) => agent.name)).toEqual([
      "reviewer",
      "planner",
      "code-explorer",
      "code-quality:code-explorer",
      "code-quality:code-reviewer",
      "code-quality:test-generator",
    ]);
    expect(catalog.get("reviewer")).toMatchObject({
      description: "Reviews diffs",
      tools: ["Read", "Grep", "Bash(git diff:*)"],
      model: "opus",
      systemPrompt: "You review code.",
      source: "project",
    });
    expect(catalog.get("planner")?.tools).toBeUndefined();
    // A plugin agent answers to its short name unless another agent has it.
    expect(catalog.get("code-explorer")?.source).toBe("user");
    expect(catalog.get("code-quality:code-explorer")).toMatchObject({
      tools: ["Glob", "Grep", "Read", "TodoWrite"],
      model: "sonnet",
      attributes: expect.objectContaining({ color: "yellow" }),
    });
    expect(catalog.get("test-generator")).toMatchObject({ tools: ["Glob", "Grep", "Read", "Write", "Bash(npm test:*)"], model: "inherit" });
    expect(catalog.get("code-reviewer")?.systemPrompt).toMatch(/^# Code Reviewer Agent/);
  });

  it("reports a tools value of the wrong type with the file and field", () => {
    const base = temporaryDirectory();
    writeFiles(base, { "workspace/.axion/agents/odd.md": "---\ntools:\n  a: 1\n---\nx\n" });
    const catalog = loadAgents({ cwd: join(base, "workspace"), configHome: join(base, "config"), homeDir: join(base, "home") });
    expect(catalog.list()).toEqual([]);
    expect(catalog.errors.map(String)).toEqual([
      `ExtensionError: ${join(base, "workspace", ".axion", "agents", "odd.md")}: tools: expected a comma-separated list or a list of names`,
    ]);
  });
});
