import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSystemPrompt } from "./build-system-prompt.js";
import {
  discoverInstructionFiles,
  INSTRUCTION_FILE_LIMIT,
  renderInstructionFiles,
  type InstructionFile,
} from "./instruction-files.js";
import { PromptError } from "./prompt-error.js";

let root: string;
let home: string;
let env: Record<string, string>;

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Only the files this test created (the walk also visits the real directories above the temp folder). */
function ours(files: InstructionFile[]): InstructionFile[] {
  return files.filter((file) => file.path.startsWith(root));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "axion-prompt-"));
  home = join(root, "home");
  mkdirSync(home);
  env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    SHELL: "/bin/bash",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: join(home, ".gitconfig"),
    GIT_CEILING_DIRECTORIES: root,
  };
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("discoverInstructionFiles", () => {
  it("walks from the root down to cwd, home first, and drops duplicates by normalised content", () => {
    const project = join(root, "project");
    const cwd = join(project, "packages", "core");
    mkdirSync(cwd, { recursive: true });
    write(join(home, ".claude", "CLAUDE.md"), "user-wide preferences");
    write(join(root, "AGENTS.md"), "outer rules");
    write(join(project, "AXION.md"), "# Project\n\nUse pnpm.\n");
    write(join(project, "CLAUDE.md"), "# Project  \r\n\r\n\r\n\r\nUse pnpm.\r\n\r\n"); // same text, other whitespace
    write(join(project, ".claude", "CLAUDE.md"), "claude folder rules");
    write(join(project, "AGENTS.md"), "   \n\n"); // empty once trimmed
    write(join(cwd, ".axion", "instructions.md"), "core package rules");
    write(join(cwd, "AXION.local.md"), "my local notes");
    write(join(cwd, "CLAUDE.local.md"), "outer rules"); // same as the root one

    const files = ours(discoverInstructionFiles(cwd, { home }));
    expect(files.map((file) => [file.scope, file.name])).toEqual([
      [home, ".claude/CLAUDE.md"],
      [root, "AGENTS.md"],
      [project, "AXION.md"],
      [project, ".claude/CLAUDE.md"],
      [cwd, "AXION.local.md"],
      [cwd, ".axion/instructions.md"],
    ]);
    expect(files[2]?.content).toBe("# Project\n\nUse pnpm.");
  });

  it("reads a home that lies on the way to cwd once, in walk order", () => {
    const cwd = join(home, "code");
    mkdirSync(cwd);
    write(join(home, "AXION.md"), "home rules");
    write(join(cwd, "AXION.md"), "code rules");
    expect(ours(discoverInstructionFiles(cwd, { home })).map((file) => file.content)).toEqual(["home rules", "code rules"]);
  });

  it("names an instruction file that exists but cannot be read", () => {
    // a symlink loop fails to read for every user, root included
    const path = join(root, "AXION.md");
    symlinkSync(path, path);
    let caught: unknown;
    try {
      discoverInstructionFiles(root, { home });
    } catch (error) {
      caught = error;
    }
    expect(PromptError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toMatch(new RegExp(`^${path}: cannot read instruction file`));
  });
});

describe("renderInstructionFiles", () => {
  const file = (name: string, content: string): InstructionFile => ({ path: `/w/${name}`, scope: "/w", name, content });

  it("caps each file at 4 000 characters and all of them at 12 000, with markers", () => {
    const rendered = renderInstructionFiles([
      file("AXION.md", "1".repeat(5_000)),
      file("AGENTS.md", "2".repeat(4_000)),
      file("CLAUDE.md", "3".repeat(3_000)),
      file(".axion/AXION.md", "4".repeat(3_000)),
      file(".claude/CLAUDE.md", "5".repeat(10)),
    ]) ?? "";
    expect(rendered).toContain(`## AXION.md (scope: /w)\n${"1".repeat(INSTRUCTION_FILE_LIMIT)}\n[truncated]`);
    expect(rendered).not.toContain("1".repeat(INSTRUCTION_FILE_LIMIT + 1));
    expect(rendered).toContain(`## AGENTS.md (scope: /w)\n${"2".repeat(4_000)}\n\n`);
    expect(rendered).toContain(`## CLAUDE.md (scope: /w)\n${"3".repeat(3_000)}\n\n`);
    // 11 000 used so far: the fourth file gets the last 1 000
    expect(rendered).toContain(`## .axion/AXION.md (scope: /w)\n${"4".repeat(1_000)}\n[truncated]`);
    expect(rendered).not.toContain("4".repeat(1_001));
    expect(rendered).toContain("[truncated] 1 more instruction file(s) left out: /w/.claude/CLAUDE.md");
    const kept = rendered.replace(/\[truncated\] \d+ more.*/, "").replace(/[^1-5]/g, "").length;
    expect(kept).toBe(12_000);
  });

  it("renders nothing without files", () => {
    expect(renderInstructionFiles([])).toBeUndefined();
  });
});

describe("buildSystemPrompt", () => {
  const base = { model: "claude-sonnet-4-6", date: "2026-03-04", platform: "linux" };

  it("has the sections in order and speaks as axion", async () => {
    const cwd = join(root, "w");
    mkdirSync(cwd);
    write(join(cwd, "AXION.md"), "Always run the linter.");
    const prompt = await buildSystemPrompt({
      ...base,
      cwd,
      env,
      configSources: [
        { path: join(home, ".axion", "settings.json"), scope: "user", loaded: true },
        { path: join(cwd, ".axion", "settings.json"), scope: "project", loaded: false },
      ],
      permissionMode: "workspace-write",
      skills: [{ name: "release-notes", description: "Drafts release notes\nfrom the git log." }],
      outputStyle: { name: "Explanatory", instructions: "Explain the why of each change." },
    });
    const headings = prompt.split("\n").filter((line) => /^# /.test(line));
    expect(headings).toEqual([
      "# Output Style: Explanatory",
      "# System",
      "# Doing tasks",
      "# Executing actions with care",
      "# Using your tools",
      "# Tone and style",
      "# Environment",
      "# Project instructions",
      "# Runtime config",
      "# Skills",
    ]);
    expect(prompt.startsWith("You are axion")).toBe(true);
    expect(prompt).not.toMatch(/Claude Code|Anthropic's official/);
    expect(prompt).toContain(`- Working directory: ${cwd}\n- Date: 2026-03-04\n- Platform: linux\n- Shell: /bin/bash\n- Model: claude-sonnet-4-6`);
    expect(prompt).not.toContain("- Git:");
    expect(prompt).toContain(`## AXION.md (scope: ${cwd})\nAlways run the linter.`);
    expect(prompt).toContain(`- Loaded user settings: ${join(home, ".axion", "settings.json")}`);
    expect(prompt).not.toContain("project settings");
    expect(prompt).toContain("- Permission mode: workspace-write");
    expect(prompt).toContain("- release-notes: Drafts release notes from the git log.");
    expect(prompt).not.toContain("Plan Mode Active");
  });

  it("includes the branch and dirty-file count of a real git repository", async () => {
    const repo = join(root, "repo");
    mkdirSync(repo);
    execFileSync("git", ["init", "--quiet", "--initial-branch=trunk"], { cwd: repo, env });
    writeFileSync(join(repo, "one.txt"), "1");
    writeFileSync(join(repo, "two.txt"), "2");
    const prompt = await buildSystemPrompt({ ...base, cwd: repo, env });
    expect(prompt).toContain("- Git: branch trunk (no commits yet)\n- Working tree: 2 changed or untracked files.");

    // the next turn's prompt is the same (git ran once), until a refresh is asked for
    writeFileSync(join(repo, "three.txt"), "3");
    expect(await buildSystemPrompt({ ...base, cwd: repo, env })).toBe(prompt);
    const refreshed = await buildSystemPrompt({ ...base, cwd: repo, env, refreshGit: true });
    expect(refreshed).toContain("- Working tree: 3 changed or untracked files.");
  });

  it("adds the plan block, and the appended text last", async () => {
    const prompt = await buildSystemPrompt({ ...base, cwd: root, env, git: null, planMode: true, append: "Answer in French." });
    const plan = prompt.indexOf("# Plan Mode Active");
    expect(plan).toBeGreaterThan(prompt.indexOf("# Environment"));
    for (const heading of ["## Summary", "## Files to Modify", "## Files to Create", "## Implementation Steps", "## Risks", "## Verification"]) {
      expect(prompt.indexOf(heading, plan)).toBeGreaterThan(plan);
    }
    expect(prompt.endsWith("Ready to implement. Type /plan execute to proceed.\n\nAnswer in French.")).toBe(true);
  });

  it("replaces the generated prompt with an override, keeping plan mode and append", async () => {
    write(join(root, "AXION.md"), "should not appear");
    const override = await buildSystemPrompt({ ...base, cwd: root, env, override: "You review SQL.\n" });
    expect(override).toBe("You review SQL.");
    const both = await buildSystemPrompt({ ...base, cwd: root, env, override: "You review SQL.", append: "Be brief.", planMode: true });
    expect(both.startsWith("You review SQL.\n\n# Plan Mode Active")).toBe(true);
    expect(both.endsWith("\n\nBe brief.")).toBe(true);
    expect(both).not.toContain("should not appear");
  });
});
