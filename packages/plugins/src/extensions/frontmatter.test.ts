import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { temporaryDirectory, writeFiles } from "../test-support/temp-files.js";
import { parseFrontmatter, readFrontmatterHead } from "./frontmatter.js";

describe("parseFrontmatter", () => {
  it("splits YAML attributes from the body", () => {
    const parsed = parseFrontmatter("---\nname: x\ntools:\n  - Read\n  - Grep\n---\n\nBody line\n", "/f.md");
    expect(parsed).toEqual({ attributes: { name: "x", tools: ["Read", "Grep"] }, body: "\nBody line\n", present: true });
  });

  it("treats a file without frontmatter as all body", () => {
    expect(parseFrontmatter("# Title\n---\n", "/f.md")).toEqual({ attributes: {}, body: "# Title\n---\n", present: false });
  });

  it("handles CRLF line endings and an empty block", () => {
    expect(parseFrontmatter("---\r\ndescription: d\r\n---\r\nBody\r\n", "/f.md").attributes).toEqual({ description: "d" });
    expect(parseFrontmatter("---\n---\nBody", "/f.md")).toEqual({ attributes: {}, body: "Body", present: true });
  });

  it("reads unquoted values that YAML rejects as text, as Claude Code files write them", () => {
    const parsed = parseFrontmatter(
      "---\nargument-hint: [pr-number] [priority]\ndescription: Use when asked: review the PR\n---\nx",
      "/f.md",
    );
    expect(parsed.attributes).toEqual({ "argument-hint": "[pr-number] [priority]", description: "Use when asked: review the PR" });
  });

  it("names the file and line of a YAML error", () => {
    expect(() => parseFrontmatter("---\nname: x\nbroken: [Read\n---\n", "/p/agent.md")).toThrow(/^\/p\/agent\.md:\d+: invalid frontmatter: /);
    expect(() => parseFrontmatter("---\nname: x\n\tdescription: y\n---\n", "/p/agent.md")).toThrow(
      "/p/agent.md:3: invalid frontmatter: Tabs are not allowed as indentation",
    );
    expect(() => parseFrontmatter("---\nname: x\nbody without end\n", "/p/agent.md")).toThrow(
      "/p/agent.md:1: invalid frontmatter: the opening --- has no closing --- line",
    );
    expect(() => parseFrontmatter("---\n- a\n- b\n---\n", "/p/agent.md")).toThrow("/p/agent.md:2: invalid frontmatter: expected `key: value` lines");
  });
});

describe("readFrontmatterHead", () => {
  it("stops reading once the frontmatter is complete", () => {
    const root = temporaryDirectory();
    const body = "x".repeat(100_000);
    writeFiles(root, { "SKILL.md": `---\nname: big\ndescription: d\n---\n${body}` });
    const head = readFrontmatterHead(join(root, "SKILL.md"), 64);
    expect(head.length).toBeLessThan(200);
    expect(parseFrontmatter(head, "SKILL.md").attributes).toEqual({ name: "big", description: "d" });
  });

  it("keeps multi-byte characters split across chunks intact", () => {
    const root = temporaryDirectory();
    writeFiles(root, { "SKILL.md": "---\ndescription: héllo wörld ✓ ✓ ✓\n---\nbody" });
    const head = readFrontmatterHead(join(root, "SKILL.md"), 7);
    expect(parseFrontmatter(head, "SKILL.md").attributes).toEqual({ description: "héllo wörld ✓ ✓ ✓" });
  });
});
