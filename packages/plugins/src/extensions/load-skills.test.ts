import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverPlugins } from "../discover-plugins.js";
import { copyFixture, temporaryDirectory, writeFiles } from "../test-support/temp-files.js";
import { loadSkills } from "./load-skills.js";

function layout() {
  const base = temporaryDirectory();
  return { cwd: join(base, "workspace"), configHome: join(base, "config"), homeDir: join(base, "home") };
}

describe("loadSkills", () => {
  it("finds skills in every folder, in precedence order, and reads the body only on load", async () => {
    const { cwd, configHome, homeDir } = layout();
    writeFiles(cwd, {
      ".axion/skills/deploy/SKILL.md": "---\nname: deploy\ndescription: Project deploy steps\n---\nRun make deploy.\n",
      ".claude/skills/deploy/SKILL.md": "---\ndescription: Shadowed by .axion\n---\nold\n",
      ".claude/skills/pdf/SKILL.md": "---\ndescription: Work with PDF files\n---\nUse pdftotext.\n",
      ".claude/skills/pdf/scripts/extract.py": "print('x')\n",
    });
    writeFiles(configHome, { "skills/notes/SKILL.md": "# Notes\n\nKeep notes tidy.\n" });
    writeFiles(homeDir, { ".claude/skills/commit-style/SKILL.md": "---\nname: commit-style\ndescription: How commits are written\n---\nImperative mood.\n" });
    copyFixture("code-quality", join(configHome, "plugins", "code-quality"));
    const { plugins } = discoverPlugins({ cwd, configHome });
    const catalog = loadSkills({ cwd, configHome, homeDir, plugins });
    expect(catalog.errors).toEqual([]);
    expect(catalog.list()).toEqual([
      { name: "deploy", description: "Project deploy steps", source: "project" },
      { name: "pdf", description: "Work with PDF files", source: "project" },
      { name: "notes", description: "Notes", source: "user" },
      { name: "commit-style", description: "How commits are written", source: "user" },
      {
        name: "code-quality:Code Standards",
        description: expect.stringMatching(/^This skill should be used when reviewing code/),
        source: "plugin:code-quality@installed",
      },
      { name: "code-quality:writing-rules", description: expect.stringContaining("create a rule"), source: "plugin:code-quality@installed" },
    ]);
    expect(await catalog.load("deploy")).toBe("Run make deploy.\n");
    expect(await catalog.load("writing-rules")).toContain("# Writing Rules");
    const standards = await catalog.load("code-standards");
    expect(standards).toContain(`in ${join(configHome, "plugins", "code-quality")}/skills/code-standards.`);
    expect(catalog.get("Code Standards")?.directory).toBe(join(configHome, "plugins", "code-quality", "skills", "code-standards"));
    expect(await catalog.load("unknown")).toBeUndefined();
  });

  it("leaves out disabled plugins and reports broken skill files", () => {
    const { cwd, configHome, homeDir } = layout();
    writeFiles(cwd, {
      ".axion/skills/ok/SKILL.md": "---\ndescription: fine\n---\n",
      ".axion/skills/broken/SKILL.md": "---\ndescription: [unclosed\n---\n",
      ".axion/skills/empty-folder/notes.txt": "no skill here",
    });
    copyFixture("code-quality", join(configHome, "plugins", "code-quality"));
    const { plugins } = discoverPlugins({ cwd, configHome, settings: { enabledPlugins: { "code-quality@installed": false } } });
    const catalog = loadSkills({ cwd, configHome, homeDir, plugins });
    expect(catalog.list().map((skill) => skill.name)).toEqual(["ok"]);
    expect(catalog.errors.map((error) => error.message)).toEqual([
      expect.stringMatching(new RegExp(`^${join(cwd, ".axion", "skills", "broken", "SKILL.md")}:\\d+: invalid frontmatter: `)),
      `${join(cwd, ".axion", "skills", "empty-folder")}: skill folder has no SKILL.md`,
    ]);
  });
});
