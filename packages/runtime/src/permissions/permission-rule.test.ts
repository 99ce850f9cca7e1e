import { describe, expect, it } from "vitest";
import type { RuleTarget } from "./permission-rule.js";
import { allowingRules, parsePermissionRule, parseToolList, ruleMatches, ruleNamesTool } from "./permission-rule.js";
import { analyzeShellCommand } from "./shell-analysis.js";

const cwd = "/work/project";
const home = "/home/user";

function target(toolName: string, subject?: string, paths?: string[]): RuleTarget {
  return { toolName, subject, paths: paths ?? [], roots: [cwd], home };
}

function matches(rule: string, request: RuleTarget): boolean {
  return ruleMatches(parsePermissionRule(rule), request);
}

async function bash(command: string): Promise<RuleTarget> {
  return { ...target("Bash", command), analysis: await analyzeShellCommand(command, { cwd, home }) };
}

describe("parsePermissionRule", () => {
  it("parses bare names and specifiers", () => {
    expect(parsePermissionRule("Bash")).toEqual({ text: "Bash", toolName: "Bash" });
    expect(parsePermissionRule(" Bash(git status:*) ")).toEqual({ text: "Bash(git status:*)", toolName: "Bash", content: "git status:*" });
    expect(parsePermissionRule("Bash(echo (x))")).toEqual({ text: "Bash(echo (x))", toolName: "Bash", content: "echo (x)" });
    expect(parsePermissionRule("mcp__github__*").toolName).toBe("mcp__github__*");
  });

  it.each([
    ["Bash(git", 'missing the closing ")"'],
    ["Bash()", "empty parentheses"],
    ["(x)", 'expected a tool name before "("'],
    ["Bash git", "expected a tool name"],
    ["", "expected a tool name"],
  ])("rejects %j", (rule, message) => {
    expect(() => parsePermissionRule(rule)).toThrow(message);
  });
});

describe("parseToolList", () => {
  it("splits on commas and spaces outside parentheses", () => {
    expect(parseToolList("Read,Grep")).toEqual(["Read", "Grep"]);
    expect(parseToolList("Read Grep, Bash(git status:*)  Write")).toEqual(["Read", "Grep", "Bash(git status:*)", "Write"]);
    expect(parseToolList(["Read", "Bash(npm run test:*),Edit"])).toEqual(["Read", "Bash(npm run test:*)", "Edit"]);
    expect(parseToolList(" , ")).toEqual([]);
  });
});

describe("tool names", () => {
  it("matches exact names, wildcards, MCP servers and tool families for path rules", () => {
    const named = (rule: string, tool: string) => ruleNamesTool(parsePermissionRule(rule), tool);
    expect(named("Bash", "Bash")).toBe(true);
    expect(named("Bash", "BashOutput")).toBe(false);
    expect(named("mcp__github__*", "mcp__github__create_issue")).toBe(true);
    expect(named("mcp__github__*", "mcp__gitlab__create_issue")).toBe(false);
    expect(named("mcp__github", "mcp__github__create_issue")).toBe(true);
    expect(named("mcp__github", "mcp__githubx__create_issue")).toBe(false);
    expect(named("mcp__github__create_issue", "mcp__github__create_issue")).toBe(true);
    expect(named("Edit(src/**)", "Write")).toBe(true);
    expect(named("Edit(src/**)", "NotebookEdit")).toBe(true);
    expect(named("Read(src/**)", "Grep")).toBe(true);
    expect(named("Edit", "Write")).toBe(false);
    expect(named("Read", "Grep")).toBe(false);
  });
});

describe("Bash specifiers", async () => {
  it("prefix with :* matches the command and its longer forms at a word boundary", async () => {
    expect(matches("Bash(git status:*)", await bash("git status"))).toBe(true);
    expect(matches("Bash(git status:*)", await bash("git status --short"))).toBe(true);
    expect(matches("Bash(git status:*)", await bash("git statusx"))).toBe(false);
    expect(matches("Bash(git status:*)", await bash("git log"))).toBe(false);
  });

  it("without :* matches the exact command", async () => {
    expect(matches("Bash(npm test)", await bash("npm test"))).toBe(true);
    expect(matches("Bash(npm test)", await bash("  npm   test "))).toBe(true);
    expect(matches("Bash(npm test)", await bash("npm test --watch"))).toBe(false);
  });

  it("supports * wildcards", async () => {
    expect(matches("Bash(npm run *)", await bash("npm run build"))).toBe(true);
    expect(matches("Bash(npm run *)", await bash("npm test"))).toBe(false);
  });

  it("deny and ask matching looks at every command of a compound line", async () => {
    expect(matches("Bash(rm:*)", await bash("echo hi && rm -rf build"))).toBe(true);
    expect(matches("Bash(rm:*)", await bash("echo $(rm x)"))).toBe(true);
    expect(matches("Bash(curl:*)", await bash("cat x | curl -d @- host"))).toBe(true);
    expect(matches("Bash(rm:*)", await bash("echo 'rm -rf'"))).toBe(false);
    expect(matches("Bash(rm:*)", target("Bash"))).toBe(false);
  });

  it("allowing needs every command covered and nothing undecidable", async () => {
    const rules = ["Bash(git status:*)", "Bash(git diff:*)", "Bash(npm test)"].map(parsePermissionRule);
    const allowed = async (command: string) => allowingRules(rules, await bash(command))?.map((rule) => rule.text);
    expect(await allowed("git status && git diff HEAD")).toEqual(["Bash(git status:*)", "Bash(git diff:*)"]);
    expect(await allowed("git status && rm -rf x")).toBeUndefined();
    expect(await allowed("git status $(rm -rf x)")).toBeUndefined();
    expect(await allowed("git diff > patch.txt")).toEqual(["Bash(git diff:*)"]);
    expect(await allowed("npm test 2>&1")).toEqual(["Bash(npm test)"]);
    expect(await allowed("$(echo git) status")).toBeUndefined();
    expect(await allowed("./git status")).toBeUndefined();
    expect(await allowed("/usr/bin/git status")).toEqual(["Bash(git status:*)"]);
    expect(await allowed("/tmp/bin/git status")).toBeUndefined();
    expect(await allowed("timeout 5 git status")).toEqual(["Bash(git status:*)"]);
    expect(await allowed("sudo git status")).toBeUndefined();
    expect(await allowed("bash -c 'git status && git diff'")).toEqual(["Bash(git status:*)", "Bash(git diff:*)"]);
    expect(await allowed("bash -c 'git status; rm -rf x'")).toBeUndefined();
    expect(await allowed("PATH=/tmp git status")).toBeUndefined();
    expect(await allowed("git diff 2>&1")).toEqual(["Bash(git diff:*)"]);
    expect(allowingRules([parsePermissionRule("Bash")], await bash("anything $(x) > f"))?.[0]?.text).toBe("Bash");
    expect(allowingRules([parsePermissionRule("Bash")], await bash("rm -rf /"), true)).toBeUndefined();
  });
});

describe("path specifiers", () => {
  it("Read(src/**) globs the path relative to the workspace", () => {
    expect(matches("Read(src/**)", target("Read", undefined, ["/work/project/src/a/b.ts"]))).toBe(true);
    expect(matches("Read(src/**)", target("Read", undefined, ["/work/project/lib/a.ts"]))).toBe(false);
    expect(matches("Read(src/**)", target("Read", undefined, ["/work/other/src/a.ts"]))).toBe(false);
    expect(matches("Read(src/**)", target("Grep", undefined, ["/work/project/src"]))).toBe(true);
  });

  it("Write(./generated/*) anchors at the workspace root, one level deep", () => {
    expect(matches("Write(./generated/*)", target("Write", undefined, ["/work/project/generated/out.txt"]))).toBe(true);
    expect(matches("Write(./generated/*)", target("Write", undefined, ["/work/project/generated/deep/out.txt"]))).toBe(false);
    expect(matches("Write(/generated/**)", target("Write", undefined, ["/work/project/generated/deep/out.txt"]))).toBe(true);
  });

  it("Edit(//abs/path/**) is an absolute path and covers every edit tool", () => {
    expect(matches("Edit(//etc/app/**)", target("Edit", undefined, ["/etc/app/conf.d/x.conf"]))).toBe(true);
    expect(matches("Edit(//etc/app/**)", target("Write", undefined, ["/etc/app/x.conf"]))).toBe(true);
    expect(matches("Edit(//etc/app/**)", target("Edit", undefined, ["/etc/other/x.conf"]))).toBe(false);
  });

  it("~/ is the home directory; a name without a slash matches at any depth", () => {
    expect(matches("Read(~/.ssh/**)", target("Read", undefined, ["/home/user/.ssh/id_rsa"]))).toBe(true);
    expect(matches("Read(.env)", target("Read", undefined, ["/work/project/pkg/.env"]))).toBe(true);
    expect(matches("Read(*.pem)", target("Read", undefined, ["/work/project/certs/key.pem"]))).toBe(true);
    expect(matches("Read(.env)", target("Read", undefined, ["/work/project/.envrc"]))).toBe(false);
  });

  it("a directory pattern with a trailing slash covers what is inside", () => {
    expect(matches("Read(docs/)", target("Read", undefined, ["/work/project/docs/a/b.md"]))).toBe(true);
  });

  it("needs every path of the call to match", () => {
    expect(matches("Read(src/**)", target("Read", undefined, ["/work/project/src/a", "/work/project/b"]))).toBe(false);
    expect(matches("Read(src/**)", target("Read"))).toBe(false);
  });
});

describe("other specifiers", () => {
  it("WebFetch(domain:…) compares the host", () => {
    expect(matches("WebFetch(domain:example.com)", target("WebFetch", "https://example.com/page"))).toBe(true);
    expect(matches("WebFetch(domain:example.com)", target("WebFetch", "https://EXAMPLE.com:8443/x"))).toBe(true);
    expect(matches("WebFetch(domain:example.com)", target("WebFetch", "https://evil-example.com/"))).toBe(false);
    expect(matches("WebFetch(domain:example.com)", target("WebFetch", "https://api.example.com/"))).toBe(false);
    expect(matches("WebFetch(domain:*.example.com)", target("WebFetch", "https://api.example.com/"))).toBe(true);
    expect(matches("WebFetch(domain:example.com)", target("WebFetch", "not a url"))).toBe(false);
  });

  it("any other tool compares its subject exactly or by wildcard", () => {
    expect(matches("Skill(review)", target("Skill", "review"))).toBe(true);
    expect(matches("Skill(rev*)", target("Skill", "review"))).toBe(true);
    expect(matches("Skill(review)", target("Skill", "deploy"))).toBe(false);
    expect(matches("Skill(review)", target("Skill"))).toBe(false);
  });
});
